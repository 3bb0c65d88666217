package io.lightningdb.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording (from {@code Compare --profile}): the methods most often on top of the
 * stack in {@code jdk.ExecutionSample} events (self time), and the project methods most often
 * anywhere on the stack (total time).
 *
 * <p>Usage: {@code java -cp lightning-benchmarks.jar io.lightningdb.bench.HotMethods FILE.jfr [PACKAGE]}
 */
public final class HotMethods {
    private static final int TOP = 25;

    private HotMethods() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: java -cp lightning-benchmarks.jar io.lightningdb.bench.HotMethods FILE.jfr [PACKAGE]");
            System.exit(2);
        }
        String prefix = args.length > 1 ? args[1] : "io.lightningdb";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            var frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            frames.stream()
                    .map(HotMethods::name)
                    .filter(n -> n.startsWith(prefix))
                    .distinct()
                    .forEach(n -> total.merge(n, 1, Integer::sum));
        }
        System.out.println(samples + " execution samples");
        print("self (top of stack)", self, samples);
        print("total, " + prefix + " methods anywhere on the stack", total, samples);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
