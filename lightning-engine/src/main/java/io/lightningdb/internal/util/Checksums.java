package io.lightningdb.internal.util;

import java.util.zip.CRC32C;

/** CRC32C, hardware-accelerated by the JDK, as every file format's checksum. */
public final class Checksums {
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private Checksums() {}

    public static int crc32c(byte[] b, int off, int len) {
        CRC32C crc = CRC.get();
        crc.reset();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }
}
