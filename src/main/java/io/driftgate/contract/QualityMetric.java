package io.driftgate.contract;

/** Rates a quality gate bounds; each is a fraction of the candidate's records. */
public enum QualityMetric {
  /** Records where the field is null or absent. */
  NULL_RATE,
  /** Records with at least one contract violation (per field: violations of that field). */
  VIOLATION_RATE,
  /** Share of records whose unique key repeats an earlier one. */
  DUPLICATE_RATE,
  /** Share of records older than the contract's freshness bound when observed. */
  STALE_RATE
}
