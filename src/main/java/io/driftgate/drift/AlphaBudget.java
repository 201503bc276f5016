package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;

/**
 * Splits a contract's false-rollback rate equally over its gates (Bonferroni).
 *
 * <p>Each gate's test is valid under continuous monitoring of one growing sample, and the evidence
 * is pooled over the whole rollout (the versions compared do not change within one), so a gate
 * spends its share once per rollout however often, and in however many stages, it is evaluated. The
 * union bound over gates then caps the chance that any gate breaches during a rollout of a
 * candidate that does not differ from its baseline.
 */
public final class AlphaBudget {

  private AlphaBudget() {}

  public static double perGate(DataContract contract) {
    return contract.falseRollbackRate() / gateCount(contract);
  }

  /**
   * Drift checks, unseen-category checks, field gates and dataset gates of the contract, rate
   * maxima and rate comparisons with the baseline alike, and outcome gates: one budget for the data
   * and its consumers' outcomes.
   */
  public static int gateCount(DataContract contract) {
    int gates = contract.gates().size() + contract.rateDrifts().size() + contract.outcomes().size();
    for (FieldSpec field : contract.fields()) {
      DriftTest test = field.drift().test();
      if (test != DriftTest.NONE) {
        gates += test == DriftTest.KS ? 1 : 2;
      }
      gates += field.gates().size() + field.rateDrifts().size();
    }
    return Math.max(1, gates);
  }
}
