package io.lightningdb.bench;

import java.util.List;
import java.util.Map;

/**
 * What one comparison produced.
 *
 * @param results every measurement, store by store
 * @param unavailable stores that cannot run on this machine, with the reason
 * @param failed stores that failed while running, with the reason
 */
public record Outcome(List<Result> results, Map<String, String> unavailable, Map<String, String> failed) {}
