package io.lightningdb.sample.timeseries;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time series over REST.
 *
 * <pre>{@code
 * curl -X POST localhost:8080/series/cpu -H 'Content-Type: application/json' -d '{"value":0.42}'
 * curl 'localhost:8080/series/cpu?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z'
 * }</pre>
 */
@RestController
class TimeSeriesController {
    private final TimeSeriesStore store;
    private final Clock clock = Clock.systemUTC();

    TimeSeriesController(TimeSeriesStore store) {
        this.store = store;
    }

    /** Records a point; {@code time} defaults to now. */
    @PostMapping("/series/{series}")
    @ResponseStatus(HttpStatus.CREATED)
    Point record(@PathVariable String series, @RequestBody NewPoint point) {
        Instant time = point.time() != null ? point.time() : clock.instant();
        store.record(series, time, point.value());
        return new Point(time, point.value());
    }

    /** Points in {@code [from, to]}; by default the last hour. */
    @GetMapping("/series/{series}")
    List<Point> range(
            @PathVariable String series,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minusSeconds(3600);
        return store.range(series, start, end);
    }

    record NewPoint(Instant time, double value) {}
}
