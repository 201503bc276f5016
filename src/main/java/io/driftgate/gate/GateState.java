package io.driftgate.gate;

import io.driftgate.drift.WindowBets;
import io.driftgate.outcome.CohortObservations;
import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.routing.RoutingEntry;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link DatasetGate} keeps for one dataset between inputs: the value of the job's
 * keyed state. Profiles are kept in their canonical serialized form, so the state's size is bounded
 * by the sketch settings and a restored gate is byte-for-byte the gate that was saved.
 *
 * <p>Compatibility: state saved by releases that Java-serialized it is still restored
 * (docs/architecture.md, "State and its formats"), and Java serialization matches fields by name,
 * so state saved before evidence was pooled restores (its per-stage profiles are dropped, the new
 * fields start empty); {@link DatasetGate} then restarts the evidence of a rollout in flight, see
 * there. State saved before command ids were remembered restores with none remembered. State saved
 * before the gate kept a clock restores without one (the next input sets it) and, unless older
 * still, without {@code rolloutStartedAt}: until the next start no window is refused for ending
 * before its rollout.
 *
 * <p>A job started without any state builds this from the database instead ({@link GateRecovery});
 * what it keeps there is {@link GateSnapshot}.
 */
public final class GateState implements Serializable {

  private static final long serialVersionUID = 1L;

  RolloutStatus status;

  /** The candidate and stage the stage counts belong to; the counts restart with every stage. */
  String stageCandidate;

  int stageIndex = -1;

  /** Records per side observed since the stage started: a stage's minimum samples ask for these. */
  long stageCandidateRecords;

  long stageBaselineRecords;

  /** Start of the first window folded into the rollout profiles: the evidence's window start. */
  Instant rolloutWindowStart;

  /**
   * Candidate and baseline profiles over the whole rollout, the evidence every gate is judged on:
   * the versions stay the same for a rollout, so its records need not be forgotten at a stage's
   * start. The candidate's is also the reference saved if it is promoted.
   */
  byte[] rolloutCandidateProfile;

  byte[] rolloutBaselineProfile;

  /** The two-sample gates' bets on each window of the rollout so far; null before the first. */
  WindowBets windowBets;

  /** The last promoted version and its profile, the baseline when its live stream is silent. */
  String referenceVersion;

  byte[] referenceProfile;

  RoutingEntry routing;

  /** The latest commands answered, to drop repeats; {@code null} in state saved before them. */
  RecentCommandIds recentCommandIds;

  /**
   * When the current (or last) rollout started: windows that ended before it belong to no rollout,
   * though they may arrive after the start when it was applied ahead of the watermark.
   */
  Instant rolloutStartedAt;

  /**
   * The latest event time of an input the gate applied, which no later decision is dated before;
   * {@code null} before the first input.
   */
  Instant clock;

  /**
   * The rollout recovered from the database without being resumable ({@link GateRecovery}): while
   * it is set the gate judges no window, refuses the commands that need a plan, and publishes no
   * routing row, until the rollout ends. {@code null} otherwise, and in state saved before.
   */
  NotResumable notResumable;

  /**
   * Who started the current (or last) rollout, checked against an approval's actor when the
   * contract asks for four eyes; {@code null} in state saved before it was kept, and in a rollout
   * recovered from the database.
   */
  String rolloutStartedBy;

  /**
   * The rollout's evidence is its preflight's: the whole candidate (and baseline) read before stage
   * 1, so it is complete and fixed, and the gate judges each stage on it rather than on windows of
   * the records topic. {@code false} in state saved before preflights.
   */
  boolean evidenceComplete;

  /**
   * The routing rows the gate published, with the event times they took effect: what an outcome is
   * assigned to a cohort by. {@code null} (none) in state saved before outcome gates.
   */
  RoutingHistory routingHistory;

  /**
   * The rollout's outcome observations per metric, stage and cohort; {@code null} (none) before the
   * first, and in state saved before outcome gates.
   */
  CohortObservations outcomes;

  /**
   * The rollout's outcome values and bets for the {@code ks} outcome gates; {@code null} (none)
   * before the first, and in state saved before them.
   */
  OutcomeDistributions outcomeDistributions;

  /**
   * Every field of a gate's state, for its serializer ({@code io.driftgate.serde}), which lives in
   * the job layer: the fields stay package-private so that only {@link DatasetGate} changes them.
   * Profiles are their canonical bytes; {@code recentCommandIds} is {@code null} in state saved
   * before they were remembered, oldest first otherwise.
   */
  public record Saved(
      RolloutStatus status,
      String stageCandidate,
      int stageIndex,
      long stageCandidateRecords,
      long stageBaselineRecords,
      Instant rolloutWindowStart,
      byte[] rolloutCandidateProfile,
      byte[] rolloutBaselineProfile,
      WindowBets windowBets,
      String referenceVersion,
      byte[] referenceProfile,
      RoutingEntry routing,
      List<String> recentCommandIds,
      Instant rolloutStartedAt,
      Instant clock,
      NotResumable notResumable,
      String rolloutStartedBy,
      boolean evidenceComplete,
      RoutingHistory routingHistory,
      List<CohortObservations.Cell> outcomes,
      OutcomeDistributions outcomeDistributions) {}

  public Saved saved() {
    return new Saved(
        status,
        stageCandidate,
        stageIndex,
        stageCandidateRecords,
        stageBaselineRecords,
        rolloutWindowStart,
        rolloutCandidateProfile,
        rolloutBaselineProfile,
        windowBets,
        referenceVersion,
        referenceProfile,
        routing,
        recentCommandIds == null ? null : recentCommandIds.ids(),
        rolloutStartedAt,
        clock,
        notResumable,
        rolloutStartedBy,
        evidenceComplete,
        routingHistory == null ? RoutingHistory.EMPTY : routingHistory,
        outcomes == null ? List.of() : outcomes.cells(),
        outcomeDistributions);
  }

  public static GateState restored(Saved saved) {
    GateState state = new GateState();
    state.status = saved.status();
    state.stageCandidate = saved.stageCandidate();
    state.stageIndex = saved.stageIndex();
    state.stageCandidateRecords = saved.stageCandidateRecords();
    state.stageBaselineRecords = saved.stageBaselineRecords();
    state.rolloutWindowStart = saved.rolloutWindowStart();
    state.rolloutCandidateProfile = saved.rolloutCandidateProfile();
    state.rolloutBaselineProfile = saved.rolloutBaselineProfile();
    state.windowBets = saved.windowBets();
    state.referenceVersion = saved.referenceVersion();
    state.referenceProfile = saved.referenceProfile();
    state.routing = saved.routing();
    state.recentCommandIds =
        saved.recentCommandIds() == null ? null : new RecentCommandIds(saved.recentCommandIds());
    state.rolloutStartedAt = saved.rolloutStartedAt();
    state.clock = saved.clock();
    state.notResumable = saved.notResumable();
    state.rolloutStartedBy = saved.rolloutStartedBy();
    state.evidenceComplete = saved.evidenceComplete();
    state.routingHistory =
        saved.routingHistory() == null || saved.routingHistory().updates().isEmpty()
            ? null
            : saved.routingHistory();
    state.outcomes =
        saved.outcomes() == null || saved.outcomes().isEmpty()
            ? null
            : CohortObservations.of(saved.outcomes());
    state.outcomeDistributions = saved.outcomeDistributions();
    return state;
  }

  public RolloutStatus status() {
    return status;
  }

  public RoutingEntry routing() {
    return routing;
  }

  public String referenceVersion() {
    return referenceVersion;
  }
}
