package io.driftgate.rollout;

import io.driftgate.contract.OutcomeGate;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Weighs a preflight: the contract's gates on the whole candidate against the baseline, looked at
 * once. It is stricter than a stage, because it is the last look before anyone is exposed and there
 * is no later window to wait for: any breach fails it, critical or not; so does a gate that could
 * not be judged for want of data, a candidate without rows, and any row of either version the
 * reader could not turn into a record (a version that was not read whole was not checked whole). A
 * gate that is significant but inconclusive passes the preflight and holds the stage, as it would
 * on the records topic.
 */
public final class PreflightJudge {

  private PreflightJudge() {}

  public static PreflightVerdict judge(Evaluation evaluation, Preflight preflight) {
    List<String> problems = new ArrayList<>();
    if (preflight.unreadableCandidateRows() > 0) {
      problems.add(
          preflight.unreadableCandidateRows()
              + " rows of the candidate could not be read ("
              + preflight.candidateSource()
              + ")");
    }
    if (preflight.unreadableBaselineRows() > 0) {
      problems.add(
          preflight.unreadableBaselineRows()
              + " rows of the baseline could not be read ("
              + preflight.baselineSource()
              + ")");
    }
    return judge(evaluation, problems);
  }

  /**
   * A streamed candidate's preflight sample, judged as a bounded candidate's preflight once it is
   * complete: the candidate has {@code minSamples} records and every gate has data to judge. Until
   * then more records will come, so a gate without data waits rather than fails; a record the job
   * could not read went to the dead letters, counted there, not here.
   *
   * @return empty while the sample is not complete
   */
  public static Optional<PreflightVerdict> judgeSample(Evaluation evaluation, long minSamples) {
    Evaluation data = dataGates(evaluation);
    if (data.candidateCount() < minSamples
        || data.results().isEmpty()
        || data.results().stream().anyMatch(r -> r.verdict() == Verdict.NO_DATA)) {
      return Optional.empty();
    }
    return Optional.of(judge(data, List.of()));
  }

  /**
   * The evaluation without its outcome gates: a preflight checks the data before anyone reads it,
   * so there are no exposed consumers whose outcomes could be judged yet.
   */
  private static Evaluation dataGates(Evaluation evaluation) {
    List<GateResult> data =
        evaluation.results().stream().filter(r -> !OutcomeGate.isOutcome(r.gate())).toList();
    return data.size() == evaluation.results().size() ? evaluation : evaluation.withResults(data);
  }

  /** What an incomplete preflight sample still lacks, for its hold to say. */
  public static String sampleShortfall(Evaluation all, long minSamples) {
    Evaluation evaluation = dataGates(all);
    if (evaluation.candidateCount() < minSamples) {
      return String.format(
          "preflight sample has %d of %d candidate records",
          evaluation.candidateCount(), minSamples);
    }
    if (evaluation.results().isEmpty()) {
      return "preflight sample complete, but no gate could be evaluated";
    }
    List<String> noData =
        evaluation.results().stream()
            .filter(r -> r.verdict() == Verdict.NO_DATA)
            .map(GateResult::gate)
            .toList();
    return String.format(
        "preflight sample has %d candidate records against %d baseline records, but %s had no data"
            + " to judge",
        evaluation.candidateCount(), evaluation.baselineCount(), String.join(", ", noData));
  }

  private static PreflightVerdict judge(Evaluation evaluation, List<String> readProblems) {
    List<String> problems = new ArrayList<>(readProblems);
    if (evaluation.candidateCount() == 0) {
      problems.add("the candidate has no records");
    }
    List<GateResult> failing = new ArrayList<>();
    for (GateResult result : evaluation.results()) {
      if (result.verdict() == Verdict.BREACH) {
        failing.add(result);
        problems.add(result.gate() + " breached");
      } else if (result.verdict() == Verdict.NO_DATA) {
        failing.add(result);
        problems.add(result.gate() + " had no data to judge");
      }
    }
    String counts =
        evaluation.candidateCount()
            + " candidate records against "
            + evaluation.baselineCount()
            + " baseline records";
    if (problems.isEmpty()) {
      return new PreflightVerdict.Pass(
          "preflight passed: " + counts + ", " + evaluation.results().size() + " gates",
          evaluation.results());
    }
    return new PreflightVerdict.Fail(
        "preflight failed (" + counts + "): " + String.join("; ", problems),
        failing.isEmpty() ? evaluation.results() : failing);
  }
}
