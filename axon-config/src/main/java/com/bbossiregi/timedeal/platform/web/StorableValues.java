package com.bbossiregi.timedeal.platform.web;

import java.time.Instant;

/**
 * What PostgreSQL can store, checked at the edge for every value a client sends (JSON bodies, query parameters, path
 * variables, headers we read), so that nothing unstorable reaches an event and stops a read model later.
 * <ul>
 * <li>Text: no NUL ({@code text} columns refuse {@code 0x00}) and no unpaired UTF-16 surrogate (it has no UTF-8
 * form).
 * <li>Instants: four-digit years, {@code 0001-01-01T00:00:00Z} to {@code 9999-12-31T23:59:59Z}. PostgreSQL's
 * {@code timestamptz} reaches further (4713 BC to 294276 AD), but ISO-8601 without an explicit sign, JavaScript
 * clients and every read model agree on this range.
 * </ul>
 */
public final class StorableValues {

    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static final String UNSTORABLE_TEXT = "contains a character that cannot be stored (NUL or an unpaired surrogate)";
    public static final String UNSTORABLE_INSTANT = "must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private StorableValues() {
    }

    public static boolean isStorable(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isStorable(Instant instant) {
        return instant == null || (!instant.isBefore(MIN_INSTANT) && !instant.isAfter(MAX_INSTANT));
    }
}
