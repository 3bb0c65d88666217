package io.lightningdb.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM: runs every workload against one store and appends each result to a CSV file, so
 * each store is measured in a JVM of its own with nothing left over from another store.
 *
 * <p>Arguments: {@code store workDir resultsCsv} followed by {@link Settings}' fields. Exits with
 * {@link #UNAVAILABLE} when the store cannot load on this machine (a native library that does not
 * load), after printing the reason.
 */
public final class StoreMain {
    /** Exit status meaning "this store cannot run here", as opposed to a failure while running. */
    static final int UNAVAILABLE = 3;

    private StoreMain() {}

    /** The command line of a child JVM with {@code jvm} flags and {@code classPath} that measures {@code kind}. */
    static List<String> command(
            List<String> jvm, String classPath, StoreKind kind, Path workDir, Path csv, Settings settings) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", classPath, StoreMain.class.getName()));
        cmd.addAll(List.of(kind.name(), workDir.toString(), csv.toString()));
        cmd.addAll(settings.toArgs());
        return cmd;
    }

    /**
     * Runs the child JVM {@code cmd} with its output in {@code log}; returns its exit status, or
     * empty if it ran longer than {@code timeoutMinutes} (it is then killed).
     */
    static OptionalInt run(List<String> cmd, Path log, long timeoutMinutes) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!child.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exitValue());
    }

    public static void main(String[] args) throws Exception {
        StoreKind kind = Stores.named(args[0]);
        Path workDir = Path.of(args[1]);
        Path csv = Path.of(args[2]);
        Settings settings = Settings.fromArgs(args, 3);
        if (!loads(kind, workDir.resolve("probe"))) {
            System.exit(UNAVAILABLE);
        }
        if (settings.warmupKeys() > 0) { // untimed, results dropped: only the JIT's work is kept
            new Workloads(kind, workDir.resolve("warmup"), settings.warmupPass(), r -> {}).runAll();
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            new Workloads(kind, workDir, settings, r -> {
                        out.println(r.toCsv());
                        out.flush();
                        System.out.println(r.toCsv());
                    })
                    .runAll();
        }
        // Some stores leave non-daemon threads behind; the results are written, so leave now.
        System.exit(0);
    }

    /** Opens and closes the store once; false, with the reason printed, if its classes cannot load. */
    private static boolean loads(StoreKind kind, Path dir) throws Exception {
        try {
            Files.createDirectories(dir);
            kind.open(dir, Durability.OS).close();
            Dirs.delete(dir);
            return true;
        } catch (LinkageError e) {
            System.out.println("UNAVAILABLE " + kind.name() + ": " + e);
            return false;
        }
    }
}
