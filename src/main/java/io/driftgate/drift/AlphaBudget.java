package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;

/**
 * Splits a contract's false-rollback rate over every gate and every stage (Bonferroni).
 *
 * <p>Each gate's test is valid under continuous monitoring, so within a stage a gate spends its
 * share once however often it is evaluated; profiles restart with each stage, hence the split over
 * stages. The union bound then caps the chance that any gate of any stage breaches on a candidate
 * that does not differ from its baseline.
 */
public final class AlphaBudget {

  private AlphaBudget() {}

  public static double perGate(DataContract contract) {
    int stages = Math.max(1, contract.plan() == null ? 1 : contract.plan().stages().size());
    return contract.falseRollbackRate() / ((double) gateCount(contract) * stages);
  }

  /**
   * Drift checks, unseen-category checks, field gates and dataset gates of the contract, rate
   * maxima and rate comparisons with the baseline alike.
   */
  public static int gateCount(DataContract contract) {
    int gates = contract.gates().size() + contract.rateDrifts().size();
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
