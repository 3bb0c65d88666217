package io.lightningdb.internal.iterator;

/** Which way an {@link InternalIterator} walks. */
public enum Direction {
    FORWARD,
    REVERSE
}
