package com.bbossiregi.timedeal.platform.axon;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The processing groups that build read models ({@code timedeal.consistency.read-models}): what a command answer
 * waits for, and what an admin may inspect and replay. Sagas are never among them.
 */
public record ReadModelGroups(List<String> names) {

    public ReadModelGroups {
        names = List.copyOf(new LinkedHashSet<>(names));
    }
}
