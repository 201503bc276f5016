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
 * @param candidateCount the candidate's records; for an outcome gate, the exposed cohort's
 *     observations
 * @param baselineCount the baseline's records; for an outcome gate, the control cohort's
 * @param candidateMean the exposed cohort's mean, for an outcome gate; {@code NaN} otherwise
 * @param baselineMean the control cohort's mean, for an outcome gate; {@code NaN} otherwise
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
    Instant windowEnd,
    Double candidateMean,
    Double baselineMean)
    implements java.io.Serializable {

  /**
   * Boxed so that evidence Java-serialized before outcome gates (state of the releases before the
   * versioned formats) reads back without means (NaN), not with means of 0.
   */
  public Evidence {
    candidateMean = candidateMean == null ? Double.NaN : candidateMean;
    baselineMean = baselineMean == null ? Double.NaN : baselineMean;
  }

  /** Evidence of a data gate, which compares distributions or rates, not means. */
  public Evidence(
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
      Instant windowEnd) {
    this(
        method,
        statistic,
        threshold,
        margin,
        pValue,
        fixedSamplePValue,
        sketchError,
        alpha,
        candidateCount,
        baselineCount,
        windowStart,
        windowEnd,
        Double.NaN,
        Double.NaN);
  }

  /** Whether it compares two cohorts' means (an outcome gate). */
  public boolean hasMeans() {
    return !Double.isNaN(candidateMean) || !Double.isNaN(baselineMean);
  }
}
