package io.driftgate.rollout;

import io.driftgate.drift.Evaluation;
import io.driftgate.drift.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds evaluations of the default rollout, {@code orders} v2 against v1, passing by default. */
final class EvaluationBuilder {

  private final Instant windowEnd;
  private String candidate = RolloutTestBase.CANDIDATE;
  private String baseline = RolloutTestBase.BASELINE;
  private long candidateCount = 20_000;
  private long baselineCount = 20_000;
  private List<GateResult> results =
      List.of(Gates.pass(Gates.AGE), Gates.pass(Gates.COUNTRY), Gates.pass(Gates.NULLS));

  private EvaluationBuilder(Instant windowEnd) {
    this.windowEnd = windowEnd;
  }

  static EvaluationBuilder evaluationAt(Instant windowEnd) {
    return new EvaluationBuilder(windowEnd);
  }

  EvaluationBuilder candidate(String version) {
    this.candidate = version;
    return this;
  }

  EvaluationBuilder baseline(String version) {
    this.baseline = version;
    return this;
  }

  EvaluationBuilder counts(long candidate, long baseline) {
    this.candidateCount = candidate;
    this.baselineCount = baseline;
    return this;
  }

  EvaluationBuilder gates(GateResult... gates) {
    this.results = List.of(gates);
    return this;
  }

  Evaluation build() {
    return new Evaluation(
        RolloutTestBase.DATASET,
        candidate,
        baseline,
        windowEnd.minus(Duration.ofMinutes(10)),
        windowEnd,
        candidateCount,
        baselineCount,
        results);
  }
}
