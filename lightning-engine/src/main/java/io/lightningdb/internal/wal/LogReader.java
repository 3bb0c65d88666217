package io.lightningdb.internal.wal;

import io.lightningdb.CorruptionException;
import io.lightningdb.EncryptionKeyException;
import io.lightningdb.internal.crypto.Encryptor;
import io.lightningdb.internal.util.ByteSource;
import io.lightningdb.internal.util.Checksums;
import io.lightningdb.internal.util.Coding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the records of one log file. Any checksum mismatch or malformed frame is a {@link
 * CorruptionException} naming the file and offset. The one exception is an incomplete record at
 * the very end of a file that may have been cut short (see {@link Tail}): it is reported through
 * {@link Result#tornAt()} so the caller can truncate it.
 */
public final class LogReader {
    private LogReader() {}

    /** How much damage the end of a file may show without being corruption. */
    public enum Tail {
        /** None: the file was closed after its last record (older log segments). */
        COMPLETE,
        /** An incomplete last record: a writer may be appending it right now (live files). */
        APPENDING,
        /**
         * Also a last record whose checksum fails and that only zeros follow: a crash or power loss
         * persisted its start inside space the writer had preallocated (recovery of the newest file).
         */
        CRASHED
    }

    /**
     * @param validLength bytes up to the end of the last whole record
     * @param tornAt offset of an incomplete tail record or of a zero-filled tail, or -1
     * @param zeroTail whether what follows the last record is only zeros (space a writer
     *     preallocated, or blocks a crash left unwritten), not part of a record
     */
    public record Result(long validLength, long tornAt, int records, boolean zeroTail) {}

    public static Result read(Path file, Tail tail, Consumer<byte[]> payloads) throws IOException {
        return read(file, tail, null, payloads);
    }

    /**
     * Reads records, decrypting encrypted ones with {@code encryptor} (null when none is configured).
     *
     * @throws EncryptionKeyException for an encrypted record whose key is missing or wrong
     */
    public static Result read(Path file, Tail tail, Encryptor encryptor, Consumer<byte[]> payloads) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int pos = 0;
        int records = 0;
        while (pos < data.length) {
            int remaining = data.length - pos;
            int len = remaining >= 4 ? Coding.getInt(data, pos) : 0;
            if (len < 0) {
                throw new CorruptionException(file, pos, "negative record length");
            }
            if (remaining < LogFormat.HEADER_SIZE || LogFormat.HEADER_SIZE + (long) len > remaining) {
                boolean zeros = allZero(data, pos);
                if (tail != Tail.COMPLETE || zeros) {
                    return new Result(pos, pos, records, zeros);
                }
                throw new CorruptionException(file, pos, "incomplete record");
            }
            int crc = Coding.getInt(data, pos + 4);
            if (Checksums.crc32c(data, pos + 8, len + 1) != crc) {
                if (allZero(data, pos)) {
                    return new Result(pos, pos, records, true); // a zero-filled tail, never written
                }
                if (tail == Tail.CRASHED && allZero(data, pos + LogFormat.HEADER_SIZE + len)) {
                    // the last record, cut short inside space preallocated with zeros
                    return new Result(pos, pos, records, false);
                }
                throw new CorruptionException(file, pos, "record checksum mismatch");
            }
            byte[] payload;
            if (data[pos + 8] == LogFormat.TYPE_FULL) {
                payload = new byte[len];
                System.arraycopy(data, pos + LogFormat.HEADER_SIZE, payload, 0, len);
            } else if (data[pos + 8] == LogFormat.TYPE_ENCRYPTED) {
                if (encryptor == null) {
                    throw new EncryptionKeyException(
                            file + " is encrypted (record at offset " + pos + "), but no encryption key is configured");
                }
                payload = encryptor.decrypt(data, pos + LogFormat.HEADER_SIZE, len, file, pos);
            } else {
                throw new CorruptionException(file, pos, "unknown record type " + data[pos + 8]);
            }
            try {
                payloads.accept(payload);
            } catch (ByteSource.MalformedException e) {
                throw new CorruptionException(file, pos, "malformed record: " + e.getMessage());
            }
            records++;
            pos += LogFormat.HEADER_SIZE + len;
        }
        return new Result(pos, -1, records, false);
    }

    private static boolean allZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
