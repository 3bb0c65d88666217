package io.lightningdb;

import java.nio.file.Path;

/**
 * The database directory is already open, in this JVM or in another process. Only one engine may
 * own a directory at a time; sharing one would corrupt it.
 */
public class DatabaseLockedException extends LightningException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public DatabaseLockedException(Path directory) {
        super("Database directory " + directory + " is locked: it is already open in this or another process");
        this.directory = directory;
    }

    /** The directory that is already open. */
    public Path directory() {
        return directory;
    }
}
