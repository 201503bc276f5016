package io.driftgate.drift;

import java.time.Instant;

/**
 * Everything an audit row needs to explain a gate's verdict.
 *
 * @param method how the statistic was computed, e.g. {@code ks-exact}, {@code ks-binned}, {@code
 *     chi2-e-process}, {@code psi-e-process}, {@code novelty-e-process}, {@code id-like}, {@code
 *     rate-e-process}, {@code rate-drift-e-process}
 * @param statistic the observed effect (KS distance, total variation, PSI, rate)
 * @param threshold the effect floor or rate bound the statistic was compared with
 * @param margin the half-width of the anytime-valid band around the statistic (both sides)
 * @param pValue an anytime-valid p-value for "no difference" (or "rate within bound"), in [0, 1]
 * @param fixedSamplePValue the classical fixed-sample p-value (Commons Math), for reference only:
 *     it is not valid under repeated looks; {@code NaN} when not computed
 * @param sketchError the most the profile's summary can understate the statistic (0 when exact)
 * @param alpha the share of the rollout's false-rollback budget this gate may spend
 */
public record Evidence(
    String method,
    double statistic,
    double threshold,
    double margin,
    double pValue,
    double fixedSamplePValue,
    double sketchError,
    double alpha,
    long candidateCount,
    long baselineCount,
    Instant windowStart,
    Instant windowEnd)
    implements java.io.Serializable {}
