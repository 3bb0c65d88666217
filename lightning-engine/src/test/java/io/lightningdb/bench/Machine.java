package io.lightningdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/** The header every benchmark prints first: what ran, when, and on which machine and JVM. */
final class Machine {
    private Machine() {}

    static void printHeader(String benchmark) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Lightning %s, %s%n", benchmark, Instant.now());
        System.out.printf(Locale.ROOT, "CPU:        %d cores, %s%n", rt.availableProcessors(), cpuModel());
        System.out.printf(
                Locale.ROOT,
                "JVM:        %s %s, max heap %.0f MiB, %s %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                rt.maxMemory() / (1024.0 * 1024),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown model");
        } catch (IOException | UncheckedIOException e) {
            return "unknown model";
        }
    }
}
