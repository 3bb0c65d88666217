package io.lightningdb.crash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.KeyRange;
import io.lightningdb.KvIterator;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.testutil.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a writing process with SIGKILL at random moments and checks what survives, per the promise
 * of each {@link WalSyncMode}: SYNC and NORMAL keep every acknowledged write; ASYNC keeps some
 * prefix of the writes. In every mode a batch survives whole or not at all, and the recovered
 * database is internally consistent (sorted scans that agree with point reads).
 *
 * <p>Rounds per mode: {@code -Dlightning.crash.iterations} (default 12). A failure names the seed;
 * rerun it with {@code -Dlightning.crash.seed=<seed>}.
 */
class CrashTest {
    private static final int ROUNDS = Integer.getInteger("lightning.crash.iterations", 12);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(WalSyncMode.class)
    void survivesRepeatedSigkill(WalSyncMode mode) {
        long seed = Long.getLong("lightning.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        // The verified state of the database, and the writes made since it was verified.
        Map<Integer, String> state = new HashMap<>();
        List<Op> unverified = List.of();
        long nextIteration = 1;
        int round = 0;
        try {
            for (; round < ROUNDS; round++) {
                if (round > 0 && random.nextBoolean()) {
                    state = resolve(mode, state, unverified, openAndCheck(mode), "opened in-process");
                    unverified = List.of();
                }
                Run run = runUntilKilled(mode, random.nextLong(), nextIteration, killPoint(random));
                state = resolve(mode, state, unverified, run.recovered(), "recovered by the worker");
                unverified = run.ops();
                nextIteration += run.ops().size() + 1;
            }
            resolve(mode, state, unverified, openAndCheck(mode), "opened in-process");
        } catch (AssertionError | RuntimeException e) {
            Path kept = keepForInspection(mode, seed, round);
            throw new AssertionError(
                    "crash test failed: mode " + mode + ", seed " + seed + ", round " + round
                            + " (rerun with -Dlightning.crash.seed=" + seed + "); database files kept in " + kept,
                    e);
        }
    }

    /** Copies the failed database out of the temporary directory, which JUnit deletes. */
    private Path keepForInspection(WalSyncMode mode, long seed, int round) {
        Path target = Path.of("target", "crash-failures", mode + "-" + seed + "-round-" + round)
                .toAbsolutePath();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(dir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException | UncheckedIOException copyFailure) {
            return Path.of("(not kept: " + copyFailure.getMessage() + ")");
        }
    }

    /** Acknowledgements to wait for before the kill: sometimes none, often a few, sometimes many. */
    private static int killPoint(Random random) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return 0;
        }
        return 1 + random.nextInt(shape < 5 ? 300 : 3000);
    }

    /** Starts a worker, lets it acknowledge {@code acks} writes, kills it and collects all it reported. */
    private Run runUntilKilled(WalSyncMode mode, long seed, long firstIteration, int acks) {
        try (ChildJvm child = ChildJvm.start(
                CrashWorker.class, dir.toString(), mode.name(), Long.toString(seed), Long.toString(firstIteration))) {
            Map<Integer, String> recovered = readRecoveredState(child);
            List<Op> ops = new ArrayList<>();
            int acknowledged = 0;
            while (acknowledged < acks) {
                if (parse(complete(child.readLine(LINE_TIMEOUT), child), ops)) {
                    acknowledged++;
                }
            }
            child.kill();
            // The worker kept writing until it died; what it reported meanwhile counts too.
            String line;
            while ((line = child.readLine(LINE_TIMEOUT)) != null) {
                if (!line.endsWith(";")) {
                    assertThat(child.readLine(LINE_TIMEOUT))
                            .as("only the last line may be cut short: %s", line)
                            .isNull();
                    break;
                }
                parse(line, ops);
            }
            return new Run(recovered, ops);
        }
    }

    private static Map<Integer, String> readRecoveredState(ChildJvm child) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<Integer, String> recovered = new HashMap<>();
        int previous = -1;
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            String line = complete(child.readLine(left), child);
            if (line.equals("READY")) {
                return recovered;
            }
            String[] parts = line.split(" ", 3);
            assertThat(parts[0]).as("line %s", line).isEqualTo("S");
            int index = Integer.parseInt(parts[1]);
            assertThat(index).as("scan order in the worker").isGreaterThan(previous);
            previous = index;
            recovered.put(index, parts[2]);
        }
    }

    /** A line read while the worker lives must be there and whole; strips the terminator. */
    private static String complete(String line, ChildJvm child) {
        if (line == null) {
            throw new AssertionError("worker output ended early" + child.describe());
        }
        if (!line.endsWith(";")) {
            throw new AssertionError("incomplete line from a live worker: " + line + child.describe());
        }
        return line.substring(0, line.length() - 1);
    }

    /** Records a W or A line in {@code ops}; returns whether it was an acknowledgement. */
    private static boolean parse(String line, List<Op> ops) {
        String[] parts = line.replace(";", "").split(" ");
        long iteration = Long.parseLong(parts[1]);
        switch (parts[0]) {
            case "W" -> {
                assertThat(ops.isEmpty() || ops.get(ops.size() - 1).acked)
                        .as("one write at a time, before %s", line)
                        .isTrue();
                List<Mutation> mutations = Arrays.stream(parts[3].split(","))
                        .map(m -> new Mutation(Integer.parseInt(m.substring(1)), m.charAt(0) == '-'))
                        .toList();
                ops.add(new Op(iteration, mutations));
                return false;
            }
            case "A" -> {
                Op op = ops.get(ops.size() - 1);
                assertThat(op.iteration).as("acknowledged write").isEqualTo(iteration);
                op.acked = true;
                op.existed = parts.length > 2 ? Boolean.valueOf(parts[2]) : null;
                return true;
            }
            default -> throw new AssertionError("unexpected worker line: " + line);
        }
    }

    /**
     * Checks that {@code recovered} is a state the mode allows after {@code ops} were attempted on
     * {@code base}, and returns it as the new verified state. SYNC and NORMAL: all acknowledged ops,
     * plus possibly the one in flight. ASYNC: any prefix of the ops. A prefix always ends on a
     * whole op, so a partly applied batch never matches.
     */
    private static Map<Integer, String> resolve(
            WalSyncMode mode, Map<Integer, String> base, List<Op> ops, Map<Integer, String> recovered, String how) {
        int acked = (int) ops.stream().filter(op -> op.acked).count();
        int minPrefix = mode == WalSyncMode.ASYNC ? 0 : acked;
        Map<Integer, String> model = new HashMap<>(base);
        Set<Integer> differing = new HashSet<>();
        for (int index : union(model.keySet(), recovered.keySet())) {
            if (!Objects.equals(model.get(index), recovered.get(index))) {
                differing.add(index);
            }
        }
        boolean matched = minPrefix == 0 && differing.isEmpty();
        Map<Integer, String> expectedAtAcked = acked == 0 ? new HashMap<>(model) : null;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op.existed != null) {
                int index = op.mutations.get(0).index();
                assertThat(op.existed)
                        .as("delete(%s) at iteration %d returned whether the key existed", index, op.iteration)
                        .isEqualTo(model.containsKey(index));
            }
            for (Mutation m : op.mutations) {
                if (m.delete()) {
                    model.remove(m.index());
                } else {
                    model.put(m.index(), CrashWorker.valueFor(op.iteration, m.index()));
                }
                if (Objects.equals(model.get(m.index()), recovered.get(m.index()))) {
                    differing.remove(m.index());
                } else {
                    differing.add(m.index());
                }
            }
            if (i + 1 >= minPrefix && differing.isEmpty()) {
                matched = true;
            }
            if (i + 1 == acked) {
                expectedAtAcked = new HashMap<>(model);
            }
        }
        if (!matched) {
            throw new AssertionError(mode + ": database " + how + " after " + ops.size() + " writes (" + acked
                    + " acknowledged) is not a state the mode allows. Differences from the state after the"
                    + " acknowledged writes (key: expected / actual):\n"
                    + describeDifferences(expectedAtAcked, recovered));
        }
        return new HashMap<>(recovered);
    }

    private static String describeDifferences(Map<Integer, String> expected, Map<Integer, String> actual) {
        StringBuilder out = new StringBuilder();
        union(expected.keySet(), actual.keySet()).stream()
                .filter(index -> !Objects.equals(expected.get(index), actual.get(index)))
                .limit(20)
                .forEach(index -> out.append(CrashWorker.key(index))
                        .append(": ")
                        .append(abbreviate(expected.get(index)))
                        .append(" / ")
                        .append(abbreviate(actual.get(index)))
                        .append('\n'));
        return out.toString();
    }

    private static String abbreviate(String value) {
        return value == null ? "<absent>" : value.substring(0, Math.min(value.length(), 24));
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Opens the database in this JVM, checks that forward scan, reverse scan, get and getBatch agree
     * and that scans are sorted, and returns its contents.
     */
    private Map<Integer, String> openAndCheck(WalSyncMode mode) {
        try (LightningDb db = LightningDb.open(dir, CrashWorker.config(mode))) {
            List<String> keys = new ArrayList<>();
            Map<Integer, String> contents = new HashMap<>();
            try (KvIterator it = db.scan(KeyRange.all())) {
                while (it.next()) {
                    String key = it.keyAsString();
                    if (!keys.isEmpty()) {
                        assertThat(Arrays.compareUnsigned(
                                        keys.get(keys.size() - 1).getBytes(UTF_8), key.getBytes(UTF_8)))
                                .as("scan order at %s", key)
                                .isNegative();
                    }
                    keys.add(key);
                    contents.put(CrashWorker.keyIndex(key), it.valueAsString());
                }
            }
            List<String> reversed = new ArrayList<>();
            try (KvIterator it = db.scan(KeyRange.all().reverse())) {
                while (it.next()) {
                    reversed.add(it.keyAsString());
                }
            }
            Collections.reverse(reversed);
            assertThat(reversed).as("reverse scan").isEqualTo(keys);

            List<byte[]> allKeys = IntStream.range(0, CrashWorker.KEY_COUNT)
                    .mapToObj(i -> CrashWorker.key(i).getBytes(UTF_8))
                    .toList();
            List<byte[]> batch = db.getBatch(allKeys);
            for (int i = 0; i < CrashWorker.KEY_COUNT; i++) {
                String expected = contents.get(i);
                assertThat(db.get(CrashWorker.key(i))).as("get %s", i).isEqualTo(expected);
                assertThat(batch.get(i) == null ? null : new String(batch.get(i), UTF_8))
                        .as("getBatch %s", i)
                        .isEqualTo(expected);
            }
            return contents;
        }
    }

    private record Run(Map<Integer, String> recovered, List<Op> ops) {}

    private record Mutation(int index, boolean delete) {}

    /** One write the worker announced, and whether and how it was acknowledged. */
    private static final class Op {
        final long iteration;
        final List<Mutation> mutations;
        boolean acked;
        Boolean existed;

        Op(long iteration, List<Mutation> mutations) {
            this.iteration = iteration;
            this.mutations = mutations;
        }
    }
}
