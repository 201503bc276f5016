package io.driftgate.wire;

import java.util.Map;

/**
 * One row of one dataset version, as observed on the records topic.
 *
 * <p>The map is the parser's own and is not copied: copying every row would double the hot path's
 * allocation. Treat it as read-only.
 *
 * @param cohortKey who read the row, or {@code null} when the producer did not say
 * @param fields the row; values are the Java types {@link io.driftgate.contract.FieldValidator}
 *     expects
 */
public record ObservedRecord(
    String dataset,
    String version,
    long eventTimeMillis,
    String cohortKey,
    Map<String, Object> fields)
    implements ParseResult {}
