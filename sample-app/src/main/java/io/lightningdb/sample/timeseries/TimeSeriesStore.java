package io.lightningdb.sample.timeseries;

import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.core.RawEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Time series on raw keys through {@link LightningTemplate}: each point is stored under {@code
 * ts/<series>/<epoch millis, 13 digits>}, so keys sort by time within a series and a prefix scan
 * reads a time window in order, stopping at its end without touching later points. Points expire
 * after the configured retention (engine TTL), so old data needs no clean-up job.
 *
 * <pre>{@code
 * store.record("cpu", Instant.now(), 0.42);
 * List<Point> lastHour = store.range("cpu", Instant.now().minusSeconds(3600), Instant.now());
 * }</pre>
 */
@Component
public class TimeSeriesStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Duration RETENTION = Duration.ofDays(30);

    private final LightningTemplate template;

    public TimeSeriesStore(LightningTemplate template) {
        this.template = template;
    }

    /** Stores {@code value} at {@code time}, replacing a point at the same millisecond. */
    public void record(String series, Instant time, double value) {
        byte[] bytes = ByteBuffer.allocate(Double.BYTES).putDouble(value).array();
        template.put(key(series, time), bytes, RETENTION);
    }

    /** The points of {@code series} with {@code from <= time <= to}, oldest first. */
    public List<Point> range(String series, Instant from, Instant to) {
        String prefix = prefix(series);
        try (Stream<RawEntry> entries = template.scanPrefix(prefix.getBytes(StandardCharsets.UTF_8))) {
            return entries.map(e -> toPoint(prefix, e))
                    .dropWhile(p -> p.time().isBefore(from))
                    .takeWhile(p -> !p.time().isAfter(to))
                    .toList();
        }
    }

    private static Point toPoint(String prefix, RawEntry entry) {
        long millis = Long.parseLong(entry.keyAsString().substring(prefix.length()));
        return new Point(
                Instant.ofEpochMilli(millis), ByteBuffer.wrap(entry.value()).getDouble());
    }

    private static byte[] key(String series, Instant time) {
        if (time.toEpochMilli() < 0) {
            throw new IllegalArgumentException("time must not be before 1970, was " + time);
        }
        return (prefix(series) + String.format("%013d", time.toEpochMilli())).getBytes(StandardCharsets.UTF_8);
    }

    private static String prefix(String series) {
        if (!NAME.matcher(series).matches()) {
            throw new IllegalArgumentException("series names use letters, digits, '_', '.' and '-', was " + series);
        }
        return "ts/" + series + "/";
    }
}
