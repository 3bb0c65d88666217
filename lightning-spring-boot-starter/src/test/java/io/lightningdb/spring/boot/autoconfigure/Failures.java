package io.lightningdb.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** Helpers for start-up failures in tests. */
public final class Failures {
    private Failures() {}

    /** The first throwable of {@code type} in the cause chain of {@code failure}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Every message and toString in the cause chain, for asserting what a failure reveals. */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            parts.add(t.toString());
        }
        return String.join("\n", parts);
    }
}
