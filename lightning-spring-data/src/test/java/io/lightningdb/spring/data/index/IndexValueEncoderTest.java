package io.lightningdb.spring.data.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.core.KeyCodec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The encoding's byte order must be the values' natural order, and no encoding a prefix of another. */
class IndexValueEncoderTest {

    @Property
    void longsKeepTheirOrder(@ForAll long a, @ForAll long b) {
        assertSameOrder(a, b);
    }

    @Property
    void doublesKeepTheirOrder(@ForAll double a, @ForAll double b) {
        assertSameOrder(a, b);
    }

    @Property
    void stringsKeepTheirOrder(@ForAll String a, @ForAll String b) {
        assertSameOrder(a, b);
        if (!a.equals(b)) {
            byte[] ea = IndexValueEncoder.encode(a);
            byte[] eb = IndexValueEncoder.encode(b);
            assertThat(startsWith(ea, eb) || startsWith(eb, ea)).isFalse();
        }
    }

    @Property
    void instantsKeepTheirOrder(@ForAll long secondsA, @ForAll long secondsB) {
        assertSameOrder(
                Instant.ofEpochSecond(secondsA % 1_000_000_000_000L),
                Instant.ofEpochSecond(secondsB % 1_000_000_000_000L));
    }

    @Property
    void uuidsKeepTheirOrder(@ForAll long a1, @ForAll long a2, @ForAll long b1, @ForAll long b2) {
        assertSameOrder(new UUID(a1, a2), new UUID(b1, b2));
    }

    @Property
    void nullSortsFirst(@ForAll String s) {
        assertThat(KeyCodec.compare(IndexValueEncoder.encode(null), IndexValueEncoder.encode(s)))
                .isNegative();
        assertThat(List.of(Boolean.FALSE, Boolean.TRUE)).isSorted();
    }

    private static <T extends Comparable<T>> void assertSameOrder(T a, T b) {
        assertThat(Integer.signum(KeyCodec.compare(IndexValueEncoder.encode(a), IndexValueEncoder.encode(b))))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (prefix.length > a.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
