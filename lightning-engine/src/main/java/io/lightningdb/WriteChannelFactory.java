package io.lightningdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * Opens every channel the engine writes through: log segments, tables, manifests, {@code CURRENT}.
 * The default is {@link FileChannel#open(Path, Set, FileAttribute[])}. Supplying another one (in
 * {@link LightningConfig.Builder#writeChannelFactory}) lets tests inject failed writes, failed
 * fsyncs or a full disk, and lets deployments wrap storage; most applications never need it.
 */
@FunctionalInterface
public interface WriteChannelFactory {
    /** The factory that opens real files. */
    WriteChannelFactory DEFAULT = FileChannel::open;

    FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException;
}
