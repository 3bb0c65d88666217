package io.lightningdb.internal.util;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the files in a database directory. Logs, tables and manifests share one counter of file
 * numbers, so every name is unique for the life of the database.
 */
public final class FileNames {
    public static final String CURRENT = "CURRENT";
    public static final String LOCK = "LOCK";

    private static final Pattern NUMBERED = Pattern.compile("(\\d{6,})\\.(log|sst)");
    private static final Pattern MANIFEST = Pattern.compile("MANIFEST-(\\d{6,})");

    /** Kinds of file the engine owns. */
    public enum Kind {
        LOG,
        TABLE,
        MANIFEST,
        CURRENT,
        LOCK,
        TEMP,
        OTHER
    }

    /** A parsed file name. */
    public record Parsed(Kind kind, long number) {}

    private FileNames() {}

    public static Path log(Path dir, long number) {
        return dir.resolve(String.format("%06d.log", number));
    }

    public static Path table(Path dir, long number) {
        return dir.resolve(String.format("%06d.sst", number));
    }

    public static Path manifest(Path dir, long number) {
        return dir.resolve(String.format("MANIFEST-%06d", number));
    }

    public static Parsed parse(String name) {
        if (name.equals(CURRENT)) {
            return new Parsed(Kind.CURRENT, -1);
        }
        if (name.equals(LOCK)) {
            return new Parsed(Kind.LOCK, -1);
        }
        if (name.endsWith(".tmp")) {
            return new Parsed(Kind.TEMP, -1);
        }
        Matcher m = NUMBERED.matcher(name);
        if (m.matches()) {
            return new Parsed(m.group(2).equals("log") ? Kind.LOG : Kind.TABLE, Long.parseLong(m.group(1)));
        }
        m = MANIFEST.matcher(name);
        if (m.matches()) {
            return new Parsed(Kind.MANIFEST, Long.parseLong(m.group(1)));
        }
        return new Parsed(Kind.OTHER, -1);
    }
}
