package io.lightningdb.testutil;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM started with the test classpath running one {@code main} class, so that a test can kill a
 * process that owns a database (SIGKILL, no shutdown hooks) or hold a lock from another process.
 *
 * <p>The child's stdout is a line protocol read with {@link #readLine}; its stderr is kept for
 * failure messages.
 */
public final class ChildJvm implements AutoCloseable {
    private static final int STDERR_TAIL_BYTES = 64 * 1024;
    /** End-of-output marker: a distinct instance compared by identity, so no child line equals it. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String EOF = new String("<eof>");

    private final Process process;
    private final Path outputDir;
    private final Path stderrFile;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path outputDir) {
        this.process = process;
        this.outputDir = outputDir;
        this.stderrFile = outputDir.resolve("stderr");
        Thread tail = new Thread(() -> tailLines(outputDir.resolve("stdout")), "child-stdout");
        tail.setDaemon(true);
        tail.start();
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM. */
    public static ChildJvm start(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // One GC thread: the machine running the tests may have only two cores.
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(childClasspath());
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        try {
            // Output goes to files, not pipes: a pipe can drop what a killed child wrote last
            // (the JDK drains and closes it when the process exits, racing with our reader).
            Path outputDir = Files.createTempDirectory("child-jvm");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(outputDir.resolve("stdout").toFile())
                    .redirectError(outputDir.resolve("stderr").toFile())
                    .start();
            return new ChildJvm(process, outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM: " + command, e);
        }
    }

    /**
     * The stdout a child's {@code main} must use for protocol lines. {@code System.out} is pointed
     * at stderr, so that nothing else (a logger's console appender) can interleave with the
     * protocol.
     */
    public static PrintStream protocolOut() {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        System.setOut(System.err);
        return protocol;
    }

    /** The next stdout line, or null at end of stream; fails the test when none comes in time. */
    public String readLine(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the child's output", e);
        }
        if (line == null) {
            throw new AssertionError("child JVM printed nothing for " + timeout + threadDumpAndDescribe());
        }
        if (line == EOF) {
            lines.add(EOF);
            return null;
        }
        return line;
    }

    /** Reads lines until one equals {@code expected}; fails with the child's stderr otherwise. */
    public void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "child JVM did not print " + expected + " within " + timeout + threadDumpAndDescribe());
            }
            String line = readLine(Duration.ofNanos(left));
            if (line == null) {
                throw new AssertionError("child JVM ended before printing " + expected + describe());
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Closes the child's stdin, its signal to finish. */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to exit and returns its exit code; fails if it takes longer. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String description = threadDumpAndDescribe();
                process.destroyForcibly();
                throw new AssertionError("child JVM did not exit within " + timeout + description);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        }
        return process.exitValue();
    }

    /** Kills the child with SIGKILL (no shutdown hooks, no close) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing the child JVM", e);
        }
    }

    /** The last part of what the child wrote to stderr. */
    public String stderr() {
        try {
            byte[] bytes = Files.readAllBytes(stderrFile);
            int from = Math.max(0, bytes.length - STDERR_TAIL_BYTES);
            return new String(bytes, from, bytes.length - from, UTF_8);
        } catch (IOException e) {
            return "<cannot read stderr: " + e + ">";
        }
    }

    /** A description of the child for failure messages: exit state and stderr. */
    public String describe() {
        String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
        return "\nchild JVM " + process.pid() + " " + state + ", stderr:\n" + stderr();
    }

    /**
     * {@link #describe()} after asking a live child for a thread dump (SIGQUIT prints one to its
     * stderr), which shows where a stuck child hangs.
     */
    private String threadDumpAndDescribe() {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid()))
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
                Thread.sleep(1000);
            } catch (IOException e) {
                // No kill command: describe the child without a thread dump.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return describe();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try (Stream<Path> files = Files.list(outputDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(outputDir);
        } catch (IOException e) {
            // Leftover output files in the temp directory do no harm.
        }
    }

    /**
     * Follows the stdout file while the child runs and queues each line; a last line cut short by
     * a kill is queued as it is, then the end marker.
     */
    private void tailLines(Path stdout) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(stdout)) {
            while (true) {
                // Checked before reading: once the child is gone, one more read finds all it wrote.
                boolean alive = process.isAlive();
                int n = in.read(buffer);
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.add(line.toString(UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                } else if (!alive) {
                    break;
                } else {
                    Thread.sleep(1);
                }
            }
            if (line.size() > 0) {
                lines.add(line.toString(UTF_8));
            }
        } catch (IOException e) {
            lines.add("<cannot read the child's stdout: " + e + ">");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * The test classpath without the logging backend: a child then logs nothing (SLF4J falls back
     * to a no-op), which keeps it fast and its output small.
     */
    private static String childClasspath() {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(separator))
                .filter(entry -> !entry.contains("logback"))
                .collect(Collectors.joining(separator));
    }
}
