package io.lightningdb.internal.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.Compression;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockCompressorTest {
    private static byte[] text(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ("the quick brown fox " + (i / 64)).charAt(i % 20);
        }
        return b;
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everySettingRoundTripsCompressibleAndRandomBlocks(Compression compression) {
        BlockCompressor c = new BlockCompressor(compression);
        for (byte[] raw : new byte[][] {text(4096), random(4096), new byte[1], text(100_000)}) {
            BlockCompressor.Encoded e = c.compress(raw);
            assertThat(BlockDecompressor.decompress(e.codec(), e.bytes(), e.bytes().length))
                    .as("%s round trip of %d bytes", compression, raw.length)
                    .isEqualTo(raw);
        }
    }

    @Test
    void eachCodecShrinksTextAndIsRecordedInTheBlock() {
        byte[] raw = text(4096);
        assertThat(new BlockCompressor(Compression.LZ4).compress(raw).codec()).isEqualTo(Codec.LZ4);
        assertThat(new BlockCompressor(Compression.SNAPPY).compress(raw).codec())
                .isEqualTo(Codec.SNAPPY);
        assertThat(new BlockCompressor(Compression.ZSTD).compress(raw).codec()).isEqualTo(Codec.ZSTD);
        assertThat(new BlockCompressor(Compression.ADAPTIVE).compress(raw).codec())
                .isEqualTo(Codec.LZ4);
        assertThat(new BlockCompressor(Compression.NONE).compress(raw).codec()).isEqualTo(Codec.NONE);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void incompressibleBlocksAreStoredRaw(Compression compression) {
        byte[] raw = random(4096);
        BlockCompressor.Encoded e = new BlockCompressor(compression).compress(raw);
        assertThat(e.codec()).isEqualTo(Codec.NONE);
        assertThat(e.bytes()).isEqualTo(raw);
    }

    @Test
    void adaptiveKeepsBlocksThatShrinkLessThanAnEighthRaw() {
        // 92% random bytes, 8% zeros: LZ4 saves a little, less than 1/8.
        byte[] raw = random(4096);
        Arrays.fill(raw, 0, 330, (byte) 0);
        assertThat(new BlockCompressor(Compression.LZ4).compress(raw).codec()).isEqualTo(Codec.LZ4);
        assertThat(new BlockCompressor(Compression.ADAPTIVE).compress(raw).codec())
                .isEqualTo(Codec.NONE);
    }

    @Test
    void countsBytesInAndOut() {
        BlockCompressor c = new BlockCompressor(Compression.LZ4);
        BlockCompressor.Encoded e = c.compress(text(4096));
        assertThat(c.bytesIn()).isEqualTo(4096);
        assertThat(c.bytesOut()).isEqualTo(e.bytes().length);
    }

    @ParameterizedTest
    @EnumSource(
            value = Codec.class,
            names = {"LZ4", "SNAPPY", "ZSTD"})
    void damagedInputIsAnIllegalArgumentNotGarbage(Codec codec) {
        Compression setting = Compression.valueOf(codec.name());
        byte[] stored = new BlockCompressor(setting).compress(text(4096)).bytes();
        byte[] truncated = Arrays.copyOf(stored, stored.length / 2);
        assertThatThrownBy(() -> BlockDecompressor.decompress(codec, truncated, truncated.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
