package com.bbossiregi.timedeal.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** Requests that race: each on its own thread, all released together, as a crowd hits a hot deal. */
final class ConcurrentRequests {

    private ConcurrentRequests() {
    }

    /**
     * Makes {@code count} requests at once and waits for every answer.
     *
     * @param request makes the i-th request (from 0), on its own thread
     * @return the answers, in the order of {@code i}
     */
    static List<Api.Response> atOnce(int count, IntFunction<Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                answers.add(call.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many of the answers had each HTTP status. */
    static Map<Integer, Long> statusCounts(List<Api.Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
    }
}
