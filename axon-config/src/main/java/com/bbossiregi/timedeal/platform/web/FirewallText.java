package com.bbossiregi.timedeal.platform.web;

/**
 * The text Spring Security's {@code StrictHttpFirewall} lets through in a header's name and value and a parameter's
 * name, by its own rules: assigned code points that are not control characters, a header's value also taking a tab.
 * The firewall's defaults say the same as regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), matched
 * afresh on every header the application reads: 1.4 % of the application's samples under the hot deal
 * (docs/benchmarks.md, round 38). These loops give the same answer (FirewallTextTest compares them) without a matcher.
 */
final class FirewallText {

    private FirewallText() {
    }

    /** A header's or a parameter's name. */
    static boolean name(String text) {
        return allowed(text, false);
    }

    /** A header's value: a tab is allowed too. */
    static boolean headerValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
