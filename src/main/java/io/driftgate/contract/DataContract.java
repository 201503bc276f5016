package io.driftgate.contract;

import java.util.List;
import java.util.Optional;

/**
 * A dataset's data contract: its schema, its quality gates, its drift checks and its rollout plan.
 *
 * @param dataset the dataset the contract governs, e.g. {@code features.customer_profile}
 * @param version the contract's own version
 * @param closed whether fields not in the schema are violations
 * @param gates dataset-wide quality gates
 * @param rateDrifts dataset-wide rates compared with the baseline's (violation rate, stale rate)
 * @param freshness the freshness bound, or {@code null} when the contract sets none
 * @param falseRollbackRate the probability, over a whole rollout, of rolling back a candidate that
 *     does not differ from its baseline; split across all gates and stages
 */
public record DataContract(
    String dataset,
    String version,
    boolean closed,
    List<FieldSpec> fields,
    List<QualityGate> gates,
    List<RateDriftGate> rateDrifts,
    Freshness freshness,
    RolloutPlan plan,
    double falseRollbackRate)
    implements java.io.Serializable {

  public static final double DEFAULT_FALSE_ROLLBACK_RATE = 0.01;

  public DataContract {
    fields = List.copyOf(fields);
    gates = List.copyOf(gates);
    rateDrifts = List.copyOf(rateDrifts);
  }

  /**
   * A contract whose dataset-wide rates are not compared with the baseline's. Contracts loaded from
   * YAML get the defaults of {@code docs/contracts.md} instead; this is for contracts built in
   * code.
   */
  public DataContract(
      String dataset,
      String version,
      boolean closed,
      List<FieldSpec> fields,
      List<QualityGate> gates,
      Freshness freshness,
      RolloutPlan plan,
      double falseRollbackRate) {
    this(dataset, version, closed, fields, gates, List.of(), freshness, plan, falseRollbackRate);
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
