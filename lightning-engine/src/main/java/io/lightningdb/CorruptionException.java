package io.lightningdb;

import java.nio.file.Path;

/**
 * A file of the database does not hold what it should: a checksum mismatch, a bad magic number or
 * a malformed record. The message names the file and the byte offset of the damage, so that an
 * operator can act (restore a backup) instead of losing data silently.
 */
public class CorruptionException extends LightningException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String detail;

    public CorruptionException(Path file, long offset, String detail) {
        super("Corruption in " + file + " at offset " + offset + ": " + detail);
        this.file = file;
        this.offset = offset;
        this.detail = detail;
    }

    /** What is wrong, without the file and offset. */
    public String detail() {
        return detail;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Byte offset inside {@link #file()} where the damage was found. */
    public long offset() {
        return offset;
    }
}
