package com.bbossiregi.timedeal.platform.support;

import java.util.Optional;

/** A failure's chain of causes, searched by type (wrappers such as Axon's or Spring's hide the one that matters). */
public final class Causes {

    private Causes() {
    }

    /** @return the first of {@code failure} and its causes that is a {@code type}; a cause that is itself ends the chain */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
