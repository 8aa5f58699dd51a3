package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the two cores went during the load phase only (between the end of {@code before()} and the start of
 * {@code after()}): machine busy, the application's JVM, PostgreSQL, and the rest (mostly the load generator).
 * Delegates to {@code benchmark/cpu_sample.py}; off unless run.sh passes {@code -DcpuSampler} and {@code -DappPid}.
 */
final class CpuSampler {

    private final String script = System.getProperty("cpuSampler", "");
    private final String appPid = System.getProperty("appPid", "");
    private volatile String before;

    boolean enabled() {
        return !script.isBlank() && !appPid.isBlank() && Files.isRegularFile(Path.of(script));
    }

    void start() {
        if (enabled()) {
            before = run(List.of("python3", script, "snapshot", appPid));
        }
    }

    /** The accounting as JSON, or null when sampling is off or failed. */
    JsonNode stop() {
        if (before == null) {
            return null;
        }
        try {
            Path file = Files.createTempFile("cpu-before", ".json");
            try {
                Files.writeString(file, before);
                String diff = run(List.of("python3", script, "diff", file.toString(), appPid));
                return diff == null ? null : Api.JSON.readTree(diff);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.out.println("[bench] CPU sampling failed: " + e);
            return null;
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
