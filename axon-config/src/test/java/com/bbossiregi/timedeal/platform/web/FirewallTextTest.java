package com.bbossiregi.timedeal.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** {@link FirewallText} answers as Spring Security's default predicates do, for every text tried. */
class FirewallTextTest {

    private static final List<String> EDGES = List.of("", "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x",
            "a\tb", "\t", "a\u0000b", "a\u0001b", "\r", "\n", "\u007f", "\u0085", "\u009f", "\u00a0", "caf\u00e9",
            "\u0378", "\uffff", "\ud83d\ude00", "\ud83d", "\ude00x", "a|b", "\u2028", "\u200b", "\ue000",
            new String(Character.toChars(0x10ffff)), new String(Character.toChars(0xe0001)));

    @Test
    void namesAnswerAsTheFirewallsDefault() {
        assertSameAnswers(FirewallText::name, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameAnswers(FirewallText::name, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void headerValuesAnswerAsTheFirewallsDefault() {
        assertSameAnswers(FirewallText::headerValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void controlCharactersAreRefusedAndATabOnlyInAValue() {
        assertThat(FirewallText.name("X-Note")).isTrue();
        assertThat(FirewallText.name("X\u0001Note")).isFalse();
        assertThat(FirewallText.name("a\tb")).isFalse();
        assertThat(FirewallText.headerValue("a\tb")).isTrue();
        assertThat(FirewallText.headerValue("a\u007fb")).isFalse();
        assertThat(FirewallText.headerValue("\u0378")).isFalse();
    }

    private static void assertSameAnswers(Predicate<String> ours, Predicate<String> firewalls) {
        for (String text : EDGES) {
            assertThat(ours.test(text)).as("%s", escaped(text)).isEqualTo(firewalls.test(text));
        }
        Random random = new Random(38);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // Mostly the planes where assigned, unassigned, control and surrogate code units all occur.
                int codePoint = random.nextInt(4) == 0
                        ? random.nextInt(Character.MAX_CODE_POINT + 1)
                        : random.nextInt(0x10000);
                text.appendCodePoint(codePoint);
            }
            String candidate = text.toString();
            boolean firewall = firewalls.test(candidate);
            refused += firewall ? 0 : 1;
            assertThat(ours.test(candidate)).as("%s", escaped(candidate)).isEqualTo(firewall);
        }
        assertThat(refused).as("texts the firewall refused among the random ones").isGreaterThan(1000);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(String.format("\\u{%x}", c)));
        return out.toString();
    }
}
