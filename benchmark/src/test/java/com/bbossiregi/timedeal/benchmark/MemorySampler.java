package com.bbossiregi.timedeal.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's resident memory during the load phase: {@code VmRSS} of {@code /proc/<pid>/status} every
 * {@link #INTERVAL_MS} ms between {@code start()} and {@code stop()}, and {@code VmHWM} (the process's peak since it
 * started) at the end. Read-only; off unless run.sh passes {@code -DappPid} (a comma-separated list for a cluster's
 * nodes: then each node's figures, and the largest of them as the run's). Gatling's own scheduler is not used: a
 * plain daemon thread keeps the sampling off the load generator's event loops.
 */
final class MemorySampler {

    static final long INTERVAL_MS = 500;

    private final List<String> pids = new ArrayList<>();
    private final Map<String, Long> maxRssKb = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;
    private long samples;

    MemorySampler() {
        for (String pid : System.getProperty("appPid", "").split(",")) {
            if (pid.trim().matches("\\d+")) {
                pids.add(pid.trim());
            }
        }
    }

    synchronized void start() {
        if (pids.isEmpty() || thread != null) {
            return;
        }
        running = true;
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void sample() {
        for (String pid : pids) {
            Long rss = statusKb(pid, "VmRSS");
            if (rss != null) {
                maxRssKb.merge(pid, rss, Math::max);
            }
        }
        samples++;
    }

    /** Adds {@code "memory": {"max_rss_mb", "vm_hwm_mb", "samples", "interval_ms", "per_pid"}} when sampling ran. */
    void stop(ObjectNode summary) {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        synchronized (this) {
            ObjectNode memory = summary.putObject("memory");
            ObjectNode perPid = memory.putObject("per_pid");
            long worstRss = -1;
            long worstHwm = -1;
            for (String pid : pids) {
                ObjectNode node = perPid.putObject(pid);
                Long rss = maxRssKb.get(pid);
                Long hwm = statusKb(pid, "VmHWM");
                node.put("max_rss_mb", rss == null ? null : mb(rss));
                node.put("vm_hwm_mb", hwm == null ? null : mb(hwm));
                worstRss = Math.max(worstRss, rss == null ? -1 : rss);
                worstHwm = Math.max(worstHwm, hwm == null ? -1 : hwm);
            }
            memory.put("max_rss_mb", worstRss < 0 ? null : mb(worstRss));
            memory.put("vm_hwm_mb", worstHwm < 0 ? null : mb(worstHwm));
            memory.put("samples", samples);
            memory.put("interval_ms", INTERVAL_MS);
        }
    }

    private static Double mb(long kb) {
        return Math.round(kb / 1024.0 * 10.0) / 10.0;
    }

    /** A {@code kB} line of {@code /proc/<pid>/status}, or null when the process or the line is gone. */
    private static Long statusKb(String pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
