package io.lightningdb.internal.wal;

/**
 * The record framing shared by write-ahead-log segments and the manifest.
 *
 * <pre>
 * record = length of payload (int32) | CRC32C of type and payload (int32) | type (1 byte) | payload
 * </pre>
 *
 * Type 1 holds the payload as is; type 2 holds it encrypted. A record is appended whole with one write; a crash can only leave the last one incomplete.
 */
public final class LogFormat {
    public static final int HEADER_SIZE = 9;
    public static final int TYPE_FULL = 1;
    /** A record whose payload is an AES-GCM unit (see {@code Encryptor}) of the plain payload. */
    public static final int TYPE_ENCRYPTED = 2;

    private LogFormat() {}
}
