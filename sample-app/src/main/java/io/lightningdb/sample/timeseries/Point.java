package io.lightningdb.sample.timeseries;

import java.time.Instant;

/** One measurement of a series. */
public record Point(Instant time, double value) {}
