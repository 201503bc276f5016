package io.driftgate.rollout;

import io.driftgate.contract.Stage;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.EvidenceText;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Weighs one evaluation of the exposed stage: rollback first (a critical breach at once, a
 * non-critical one after the plan's rollback window), then the first reason to hold, in the order
 * breach, no data, no gates, samples, duration; otherwise the stage passes. The gates' verdicts
 * rest on the evidence pooled over the rollout; samples and duration are the stage's own.
 */
final class StageJudge {

  private StageJudge() {}

  /**
   * @param stageSamples records per side observed in the stage, which its minimum samples ask for
   * @param streaks the breach streaks including this evaluation
   * @param stage the stage whose minimum duration and samples apply
   * @param stageStartedAt when the stage clock started
   */
  static StageVerdict judge(
      Evaluation evaluation,
      StageSamples stageSamples,
      BreachStreaks streaks,
      int rollbackWindow,
      Stage stage,
      Instant stageStartedAt) {
    List<GateResult> critical =
        evaluation.breaches().stream().filter(GateResult::critical).toList();
    if (!critical.isEmpty()) {
      return new StageVerdict.RollBack(
          RollbackReason.CRITICAL_BREACH,
          describe(critical, r -> "critical gate " + r.gate() + " breached"),
          critical);
    }
    List<GateResult> persistent =
        evaluation.breaches().stream().filter(r -> streaks.of(r.gate()) >= rollbackWindow).toList();
    if (!persistent.isEmpty()) {
      return new StageVerdict.RollBack(
          RollbackReason.PERSISTENT_BREACH,
          describe(
              persistent,
              r -> r.gate() + " breached " + streaks.of(r.gate()) + " consecutive evaluations"),
          persistent);
    }
    List<GateResult> breaches = evaluation.breaches();
    if (!breaches.isEmpty()) {
      return new StageVerdict.Hold(
          HoldReason.BREACH_PERSISTING,
          describe(
              breaches,
              r ->
                  r.gate()
                      + " breached "
                      + streaks.of(r.gate())
                      + " of "
                      + rollbackWindow
                      + " consecutive evaluations"),
          breaches);
    }
    List<GateResult> silent =
        evaluation.results().stream().filter(r -> r.verdict() == Verdict.NO_DATA).toList();
    if (!silent.isEmpty()) {
      return new StageVerdict.Hold(HoldReason.NO_DATA, noData(silent), silent);
    }
    List<GateResult> undecided =
        evaluation.results().stream().filter(r -> r.verdict() == Verdict.INCONCLUSIVE).toList();
    if (!undecided.isEmpty()) {
      return new StageVerdict.Hold(
          HoldReason.INCONCLUSIVE,
          "summary too coarse to tell whether the effect reaches the floor for "
              + undecided.stream().map(GateResult::gate).collect(Collectors.joining(", ")),
          undecided);
    }
    if (evaluation.results().isEmpty()) {
      return new StageVerdict.Hold(
          HoldReason.INCONCLUSIVE, "evaluation carries no gate results", List.of());
    }
    if (stageSamples.candidate() < stage.minSamplesPerSide()
        || stageSamples.baseline() < stage.minSamplesPerSide()) {
      return new StageVerdict.Hold(
          HoldReason.MIN_SAMPLES,
          String.format(
              "samples %d/%d (candidate/baseline), stage needs %d per side",
              stageSamples.candidate(), stageSamples.baseline(), stage.minSamplesPerSide()),
          List.of());
    }
    Duration ran = Duration.between(stageStartedAt, evaluation.windowEnd());
    if (ran.compareTo(stage.minDuration()) < 0) {
      return new StageVerdict.Hold(
          HoldReason.MIN_DURATION, "stage ran " + ran + " of " + stage.minDuration(), List.of());
    }
    return new StageVerdict.Pass(
        String.format(
            "all %d gates passed after %s with %d/%d samples",
            evaluation.results().size(), ran, stageSamples.candidate(), stageSamples.baseline()),
        evaluation.results());
  }

  /**
   * E.g. {@code "no data for drift:age, drift:income (no baseline records yet)"}: the gates grouped
   * by the side they miss, so that a silent version reads as one cause, not one line per gate.
   */
  private static String noData(List<GateResult> silent) {
    Map<String, String> gatesByMissing =
        silent.stream()
            .collect(
                Collectors.groupingBy(
                    EvidenceText::of,
                    LinkedHashMap::new,
                    Collectors.mapping(GateResult::gate, Collectors.joining(", "))));
    return gatesByMissing.entrySet().stream()
        .map(e -> "no data for " + e.getValue() + ' ' + e.getKey())
        .collect(Collectors.joining("; "));
  }

  private static String describe(List<GateResult> results, Function<GateResult, String> headline) {
    return results.stream()
        .map(r -> headline.apply(r) + ' ' + EvidenceText.of(r))
        .collect(Collectors.joining("; "));
  }
}
