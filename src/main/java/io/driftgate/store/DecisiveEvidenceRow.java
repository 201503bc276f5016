package io.driftgate.store;

import java.time.Instant;

/**
 * The {@code evidence_*} columns of a {@code rollout_event}: the one gate result that explains the
 * decision. Statistics that were not computed are NaN.
 */
public record DecisiveEvidenceRow(
    String gate,
    String method,
    double statistic,
    double threshold,
    double pValue,
    Instant windowStart,
    Instant windowEnd,
    Long candidateCount,
    Long baselineCount) {}
