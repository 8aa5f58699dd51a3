package com.bbossiregi.timedeal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbook's settings table lists every {@code timedeal.*} setting the records declare, once, with the records'
 * default, and nothing else. The later cases feed the same check a table that drifted, to show it notices.
 */
class RunbookSettingsTest {

    private static final Path RUNBOOK = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath().normalize().resolveSibling("docs").resolve("runbook.md");

    private static String runbook;
    private static Map<String, String> declared;

    @BeforeAll
    static void read() throws IOException {
        runbook = Files.readString(RUNBOOK);
        declared = SettingsTable.declared();
    }

    @Test
    void theRunbookListsEverySettingWithItsDefault() {
        assertThat(declared).as("settings found in the configuration metadata")
                .containsKeys("timedeal.processors.batch-size", "timedeal.payment.simulator.failure-rate",
                        "timedeal.live.heartbeat", "timedeal.metrics.stock-refresh", "timedeal.role")
                .hasSizeGreaterThan(60);
        assertThat(SettingsTable.differences(SettingsTable.documented(runbook), declared)).isEmpty();
    }

    @Test
    void aSettingMissingFromTheRunbookIsNoticed() {
        String drifted = withoutRow("| `timedeal.caches.orders` |");
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .singleElement().asString().startsWith("timedeal.caches.orders: a setting (default 10000) missing");
    }

    @Test
    void aDocumentedSettingNoRecordDeclaresIsNoticed() {
        String drifted = runbook.replace("| `timedeal.caches.orders` |",
                "| `timedeal.caches.customers` | `10` | customers kept in memory |\n| `timedeal.caches.orders` |");
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .containsExactly("timedeal.caches.customers: in the runbook, but no settings record declares it");
    }

    @Test
    void anotherDefaultIsNoticed() {
        String drifted = runbook.replace("| `timedeal.payment.timeout` | `5s` |", "| `timedeal.payment.timeout` | `6s` |");
        assertThat(drifted).isNotEqualTo(runbook);
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .containsExactly("timedeal.payment.timeout: the runbook says default 6s, the record 5s");
    }

    @Test
    void anotherDefaultInAShorthandRowIsNoticed() {
        String drifted = runbook.replace("| `1200` / `1m` / `true` | `POST /auth/login` per client address |",
                "| `1200` / `2m` / `true` | `POST /auth/login` per client address |");
        assertThat(drifted).isNotEqualTo(runbook);
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .containsExactly("timedeal.rate-limits.login-per-address.period: the runbook says default 2m, the record 1m");
    }

    @Test
    void aDefaultTheRecordDoesNotHaveIsNoticed() {
        String drifted = runbook.replace("| `timedeal.bootstrap-admin.name` | `Administrator` |",
                "| `timedeal.bootstrap-admin.name` | unset |");
        assertThat(drifted).isNotEqualTo(runbook);
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .containsExactly("timedeal.bootstrap-admin.name: the runbook says default null, the record Administrator");
    }

    @Test
    void aSettingListedTwiceIsNoticed() {
        String row = runbook.lines().filter(line -> line.startsWith("| `timedeal.live.heartbeat` |")).findFirst()
                .orElseThrow();
        String drifted = runbook.replace(row, row + "\n" + row);
        assertThat(SettingsTable.differences(SettingsTable.documented(drifted), declared))
                .containsExactly("timedeal.live.heartbeat: listed more than once in the runbook");
    }

    private static String withoutRow(String start) {
        String row = runbook.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
        return runbook.replace(row + "\n", "");
    }
}
