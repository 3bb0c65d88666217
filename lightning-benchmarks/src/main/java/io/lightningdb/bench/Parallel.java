package io.lightningdb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** Runs one workload's calls on several threads at once, timing the whole and each call. */
final class Parallel {

    /** One call of a workload; returns how many entries it wrote or read. */
    @FunctionalInterface
    interface Call {
        int run(long index, SplittableRandom random) throws Exception;
    }

    /** What {@link #run} measured. */
    record Timing(long entries, double seconds, Histogram latencyNanos) {}

    private Parallel() {}

    /**
     * Runs {@code calls} calls split evenly over {@code threads} threads, thread {@code t} making
     * calls with indexes {@code t, t + threads, …}; each thread has its own random stream from
     * {@code seed}. Threads stop early once {@code maxSeconds} have passed, so one slow store cannot
     * hold up the whole comparison.
     */
    static Timing run(int threads, long calls, long seed, double maxSeconds, Call call) throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long[] entries = new long[threads];
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Histogram histogram = new Histogram(3);
            histograms.add(histogram);
            SplittableRandom random = new SplittableRandom(seed * 31 + t);
            workers.add(new Thread(
                    () -> {
                        try {
                            start.await();
                            long n = 0;
                            for (long i = thread;
                                    i < calls && failure.get() == null && System.nanoTime() < deadline;
                                    i += threads) {
                                long begin = System.nanoTime();
                                n += call.run(i, random);
                                histogram.recordValue(System.nanoTime() - begin);
                            }
                            entries[thread] = n;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "bench-" + t));
        }
        workers.forEach(Thread::start);
        long begin = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        long total = 0;
        for (long n : entries) {
            total += n;
        }
        return new Timing(total, seconds, all);
    }
}
