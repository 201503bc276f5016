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
 * @param control who may command the rollout and what a start command's plan must satisfy; {@code
 *     null} (a contract built in code, or one serialized before contracts had it) means {@link
 *     ControlPolicy#DEFAULT}. It takes part in equality like every other component, but not in
 *     {@code io.driftgate.profile.ProfileShape}, the contract's fingerprint for kept state:
 *     profiles summarize records, and no profile or evaluation depends on who may command the
 *     rollout, so tightening the policy must not drop or restart profiles
 * @param preflightSamples candidate records a streamed candidate's preflight sample must hold
 *     before stage 1 exposes anyone ({@code x-driftgate.preflight.minSamples}); 0 for no preflight
 *     sample. A start cannot lower it: it is the contract's, whatever plan the start carries. A
 *     candidate read whole by {@code driftgate preflight} is judged whole instead.
 * @param outcomes gates on the consumers' downstream outcomes, exposed cohort against control
 *     ({@code x-driftgate.outcomes})
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
    double falseRollbackRate,
    ControlPolicy control,
    long preflightSamples,
    List<OutcomeGate> outcomes)
    implements java.io.Serializable {

  public static final double DEFAULT_FALSE_ROLLBACK_RATE = 0.01;

  public DataContract {
    fields = List.copyOf(fields);
    gates = List.copyOf(gates);
    rateDrifts = List.copyOf(rateDrifts);
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    if (control == null) {
      control = ControlPolicy.DEFAULT;
    }
    if (preflightSamples < 0) {
      throw new IllegalArgumentException("preflightSamples must not be negative");
    }
  }

  /** A contract without a preflight sample for streamed candidates. */
  public DataContract(
      String dataset,
      String version,
      boolean closed,
      List<FieldSpec> fields,
      List<QualityGate> gates,
      List<RateDriftGate> rateDrifts,
      Freshness freshness,
      RolloutPlan plan,
      double falseRollbackRate,
      ControlPolicy control) {
    this(
        dataset,
        version,
        closed,
        fields,
        gates,
        rateDrifts,
        freshness,
        plan,
        falseRollbackRate,
        control,
        0,
        List.of());
  }

  /** A contract with the default {@link ControlPolicy}. */
  public DataContract(
      String dataset,
      String version,
      boolean closed,
      List<FieldSpec> fields,
      List<QualityGate> gates,
      List<RateDriftGate> rateDrifts,
      Freshness freshness,
      RolloutPlan plan,
      double falseRollbackRate) {
    this(
        dataset,
        version,
        closed,
        fields,
        gates,
        rateDrifts,
        freshness,
        plan,
        falseRollbackRate,
        ControlPolicy.DEFAULT);
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

  /** This contract with {@code control} instead of its own policy. */
  public DataContract withControl(ControlPolicy control) {
    return with(control, preflightSamples, outcomes);
  }

  /** This contract asking streamed candidates for a preflight sample of {@code samples} records. */
  public DataContract withPreflightSamples(long samples) {
    return with(control, samples, outcomes);
  }

  /** This contract with {@code gates} as its outcome gates. */
  public DataContract withOutcomes(List<OutcomeGate> gates) {
    return with(control, preflightSamples, gates);
  }

  /** This contract with its rollout rules replaced; its data rules stay. */
  private DataContract with(
      ControlPolicy control, long preflightSamples, List<OutcomeGate> outcomes) {
    return new DataContract(
        dataset,
        version,
        closed,
        fields,
        gates,
        rateDrifts,
        freshness,
        plan,
        falseRollbackRate,
        control,
        preflightSamples,
        outcomes);
  }

  /** The outcome gate on {@code metric}, if the contract has one. */
  public Optional<OutcomeGate> outcomeGate(String metric) {
    return outcomes.stream().filter(g -> g.metric().equals(metric)).findFirst();
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
