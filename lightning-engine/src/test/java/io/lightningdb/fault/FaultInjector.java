package io.lightningdb.fault;

import com.sun.nio.file.ExtendedOpenOption;
import io.lightningdb.WriteChannelFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link WriteChannelFactory} that opens real files and wraps those of the chosen {@link FileKind
 * kinds} in a {@link FaultyFileChannel}. All wrapped channels share one {@link FaultyFileChannel.Faults
 * simulated disk}: arming it (from the test thread, at any moment) affects channels already open,
 * such as the manifest opened at startup, as well as later ones. Disarmed, it only passes through.
 */
final class FaultInjector implements WriteChannelFactory {

    /** Files the engine writes, recognised by name. */
    enum FileKind {
        /** Write-ahead-log segments, {@code 000007.log}. */
        WAL {
            @Override
            boolean matches(String name) {
                return name.endsWith(".log");
            }
        },
        /** Tables, written as {@code 000009.sst.tmp} and renamed to {@code 000009.sst}. */
        TABLE {
            @Override
            boolean matches(String name) {
                return name.endsWith(".sst") || name.endsWith(".sst.tmp");
            }
        },
        /** Manifests, {@code MANIFEST-000002}. */
        MANIFEST {
            @Override
            boolean matches(String name) {
                return name.startsWith("MANIFEST-");
            }
        },
        /** {@code CURRENT}, written as {@code CURRENT.tmp} and renamed. */
        CURRENT {
            @Override
            boolean matches(String name) {
                return name.equals("CURRENT.tmp") || name.equals("CURRENT");
            }
        };

        abstract boolean matches(String name);
    }

    private final List<FileKind> kinds;
    private final FaultyFileChannel.Faults faults = new FaultyFileChannel.Faults();
    private final List<Path> wrapped = new CopyOnWriteArrayList<>();

    private FaultInjector(List<FileKind> kinds) {
        this.kinds = kinds;
    }

    /** An injector that wraps files of the given kinds and leaves every other file alone. */
    static FaultInjector forFiles(FileKind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("name at least one kind of file");
        }
        return new FaultInjector(List.copyOf(Arrays.asList(kinds)));
    }

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        FileChannel real = FileChannel.open(file, options, attributes);
        String name = file.getFileName().toString();
        if (kinds.stream().noneMatch(k -> k.matches(name))) {
            return real;
        }
        wrapped.add(file);
        boolean direct = options.contains(ExtendedOpenOption.DIRECT);
        int granule = direct ? (int) Files.getFileStore(file).getBlockSize() : 1;
        boolean syncsEachWrite =
                options.contains(StandardOpenOption.DSYNC) || options.contains(StandardOpenOption.SYNC);
        return new FaultyFileChannel(real, file, faults, granule, syncsEachWrite);
    }

    /** The disk fills up after {@code bytes} more bytes; see {@link FaultyFileChannel.Faults#fullDiskAfter}. */
    FaultInjector armFullDisk(long bytes, boolean shortWrite) {
        faults.fullDiskAfter(bytes, shortWrite);
        return this;
    }

    /** Lets wrapped files be mapped for writing; see {@link FaultyFileChannel.Faults#allowWritableMaps}. */
    FaultInjector allowWritableMaps() {
        faults.allowWritableMaps();
        return this;
    }

    /** Wrapped files opened for direct I/O refuse every write; see {@link FaultyFileChannel.Faults#refuseDirectWrites}. */
    FaultInjector refuseDirectWrites() {
        faults.refuseDirectWrites();
        return this;
    }

    /** Every fsync of a wrapped file fails from now on. */
    FaultInjector armFailedSync() {
        faults.failForce(true);
        return this;
    }

    /** Frees the disk and lets fsync succeed: wrapped channels pass everything through again. */
    FaultInjector disarm() {
        faults.heal();
        return this;
    }

    /** Counters of what the wrapped channels did and refused. */
    FaultyFileChannel.Faults faults() {
        return faults;
    }

    /** Every file opened through a wrapped channel so far, in order. */
    List<Path> wrappedFiles() {
        return List.copyOf(wrapped);
    }

    @Override
    public String toString() {
        return "FaultInjector" + kinds;
    }
}
