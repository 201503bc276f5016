package io.driftgate.gate;

import io.driftgate.contract.DataContract;
import io.driftgate.drift.DriftEvaluator;
import io.driftgate.drift.Evaluation;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.ProfileShape;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Preflight;
import io.driftgate.rollout.PreflightJudge;
import io.driftgate.rollout.PreflightVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A start's preflight, judged by the gate with the job's contract: the profiles the start brought
 * are read back and checked to be the candidate's and the baseline's, made for this contract and
 * these profile settings, before their evaluation is weighed ({@link PreflightJudge}). Profiles
 * that do not fit fail the preflight with the reason: the gate never judges numbers it cannot vouch
 * for.
 *
 * <p>A preflight that read no baseline is judged against the gate's reference profile of the
 * baseline (the candidate profile it promoted), when it holds one of that version.
 */
public final class PreflightRun {

  private final Evaluation evaluation;
  private final PreflightVerdict verdict;
  private final byte[] candidate;
  private final byte[] baseline;

  private PreflightRun(
      Evaluation evaluation, PreflightVerdict verdict, byte[] candidate, byte[] baseline) {
    this.evaluation = evaluation;
    this.verdict = verdict;
    this.candidate = candidate;
    this.baseline = baseline;
  }

  static PreflightRun of(
      DataContract contract, ProfileSettings settings, GateState state, Command.Start start) {
    Preflight preflight = start.preflight();
    ProfileShape expected = ProfileShape.of(contract, settings);
    List<String> problems = new ArrayList<>();
    DatasetProfile candidate =
        read(
            preflight.candidateProfile(),
            "candidate",
            start.dataset(),
            start.candidateVersion(),
            expected,
            problems);
    byte[] baselineBytes = preflight.baselineProfile();
    if (baselineBytes == null
        && start.baselineVersion() != null
        && start.baselineVersion().equals(state.referenceVersion)
        && state.referenceProfile != null) {
      baselineBytes = state.referenceProfile;
    }
    DatasetProfile baseline = null;
    if (baselineBytes == null) {
      problems.add(
          "no baseline to compare with: the preflight read none and the gate holds no reference"
              + " profile of "
              + start.baselineVersion());
    } else {
      baseline =
          read(
              baselineBytes,
              "baseline",
              start.dataset(),
              start.baselineVersion(),
              expected,
              problems);
    }
    if (candidate == null) {
      candidate = DatasetProfile.forContract(contract, start.candidateVersion(), settings);
    }
    if (baseline == null) {
      baseline = DatasetProfile.forContract(contract, start.baselineVersion(), settings);
    }
    Instant from = windowStart(candidate, start.at());
    Evaluation evaluation =
        DriftEvaluator.evaluate(contract, candidate, baseline, from, windowEnd(candidate, from));
    PreflightVerdict verdict =
        problems.isEmpty()
            ? PreflightJudge.judge(evaluation, preflight)
            : new PreflightVerdict.Fail(
                "preflight failed: " + String.join("; ", problems), List.of());
    return new PreflightRun(evaluation, verdict, candidate.toBytes(), baseline.toBytes());
  }

  /**
   * What the gate of a dataset that holds no reference profile would answer to {@code start}: for
   * the one who runs a preflight, before sending it.
   */
  public static PreflightVerdict judge(
      DataContract contract, ProfileSettings settings, Command.Start start) {
    return of(contract, settings, new GateState(), start).verdict();
  }

  Evaluation evaluation() {
    return evaluation;
  }

  PreflightVerdict verdict() {
    return verdict;
  }

  /** Makes the preflight's profiles the started rollout's evidence, complete and fixed. */
  void seed(GateState state) {
    state.rolloutCandidateProfile = candidate;
    state.rolloutBaselineProfile = baseline;
    state.rolloutWindowStart = evaluation.windowStart();
    state.windowBets = null;
    state.stageCandidateRecords = 0;
    state.stageBaselineRecords = 0;
    state.evidenceComplete = true;
  }

  /** The candidate's event-time span: where its evaluation is dated in {@code drift_result}. */
  static Instant windowStart(DatasetProfile candidate, Instant fallback) {
    return candidate.records() == 0 ? fallback : Instant.ofEpochMilli(candidate.minEventTime());
  }

  static Instant windowEnd(DatasetProfile candidate, Instant windowStart) {
    return candidate.records() == 0
        ? windowStart
        : Instant.ofEpochMilli(Math.max(candidate.maxEventTime() + 1, windowStart.toEpochMilli()));
  }

  private static DatasetProfile read(
      byte[] bytes,
      String side,
      String dataset,
      String version,
      ProfileShape expected,
      List<String> problems) {
    DatasetProfile profile;
    try {
      profile = DatasetProfile.fromBytes(bytes);
    } catch (RuntimeException e) {
      problems.add("the " + side + " profile cannot be read: " + e.getMessage());
      return null;
    }
    if (!profile.dataset().equals(dataset) || !profile.version().equals(version)) {
      problems.add(
          "the "
              + side
              + " profile is of "
              + profile.dataset()
              + " "
              + profile.version()
              + ", not "
              + dataset
              + " "
              + version);
      return null;
    }
    if (!profile.shape().equals(expected)) {
      problems.add(
          "the "
              + side
              + " profile was made for another contract or profile settings: "
              + expected.changesSince(profile.shape()));
      return null;
    }
    return profile;
  }
}
