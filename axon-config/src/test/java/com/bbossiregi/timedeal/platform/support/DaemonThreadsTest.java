package com.bbossiregi.timedeal.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void makesNamedDaemonsThatDoNotHoldTheJvmOpen() {
        ThreadFactory threads = DaemonThreads.named("rate-limit-cleanup");

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("rate-limit-cleanup-1");
        assertThat(second.getName()).isEqualTo("rate-limit-cleanup-2");
    }

    @Test
    void isADaemonEvenWhenANonDaemonThreadAsksForIt() throws InterruptedException {
        Thread[] made = new Thread[1];
        Thread nonDaemonCaller = new Thread(() -> made[0] = DaemonThreads.named("payment-gateway").newThread(() -> { }));
        nonDaemonCaller.setDaemon(false);
        nonDaemonCaller.start();
        nonDaemonCaller.join();

        assertThat(made[0].isDaemon()).isTrue();
    }
}
