package io.driftgate.gate;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.rollout.AbandonedCandidates;
import io.driftgate.rollout.AdvanceApprovals;
import io.driftgate.rollout.BreachStreaks;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.PlanCheck;
import io.driftgate.rollout.RolloutStateMachine;
import io.driftgate.rollout.RolloutStatus;
import io.driftgate.rollout.StageNumber;
import io.driftgate.rollout.Transition;
import io.driftgate.wire.PlanJson;
import java.time.Instant;
import java.util.Optional;

/**
 * Rebuilds a dataset's gate from its {@link GateSnapshot} when the job started without its state
 * (cancelled without a savepoint and submitted again, its input offsets already committed): what
 * keeps the new job from numbering decisions from 1 again, forgetting the promoted version's
 * reference profile and the abandoned candidates, and losing track of a rollout in flight.
 *
 * <ul>
 *   <li>The decision sequence, reference, abandoned candidates and answered command ids are taken
 *       as stored. An ended rollout is kept as it ended, so the next start is judged as before.
 *   <li>A rollout in flight whose stored fields still make sense to this job is <b>resumed</b> at
 *       its stage, phase and exposure, with one {@link HoldReason#RECOVERED_WITHOUT_STATE} hold:
 *       its evidence restarts (the profiles were not stored), as after a contract upgrade, and so
 *       do the stage's counts and breach streaks; approvals given in advance are gone. Its routing
 *       row is published again under the new sequence.
 *   <li>One that does not (a plan this job's rules refuse, a stage the plan lacks, an exposure that
 *       is not the stage's, another salt, an unknown phase) is <b>held</b> with one {@link
 *       HoldReason#NOT_RESUMABLE} hold saying why: it keeps its exposure and routing row, judges no
 *       window, and takes only an abort or a rollback ({@link NotResumable}).
 *   <li>A rollout in flight without a candidate or baseline version (only a hand-edited row has
 *       none) cannot even be held: it is dropped, and the dataset numbers on as if it had none.
 * </ul>
 *
 * <p>Windows are not replayed from the database: the first window after the restart starts the
 * evidence afresh, and the reference profile is checked against the contract then, as always.
 */
public final class GateRecovery {

  private GateRecovery() {}

  /**
   * The gate state {@code snapshot} describes; a rollout in flight also gets its decision (and a
   * resumed one its routing row) in {@code out}.
   *
   * @param at event time of the first step that meets the dataset: the recovery decision's time,
   *     unless the snapshot is later
   * @param startedBy who started the snapshot's rollout, from the audit log, so that four eyes
   *     still hold after the restart; {@code null} when unknown
   */
  public static GateState recover(
      GateSnapshot snapshot, Instant at, String startedBy, GateOutput out) {
    GateState state = new GateState();
    state.rolloutStartedBy = startedBy;
    state.referenceVersion = snapshot.referenceVersion();
    state.referenceProfile = snapshot.referenceProfile();
    state.recentCommandIds = new RecentCommandIds(snapshot.recentCommandIds());
    state.clock =
        snapshot.updatedAt() != null && snapshot.updatedAt().isAfter(at)
            ? snapshot.updatedAt()
            : at;
    GateSnapshot.Rollout rollout = snapshot.rollout();
    state.rolloutStartedAt = rollout.startedAt();
    Optional<Phase> phase = phase(rollout.phase());
    if (phase.isPresent() && !phase.get().active()) {
      state.status = ended(snapshot, phase.get());
      return state;
    }
    if (blank(rollout.candidateVersion()) || blank(rollout.baselineVersion())) {
      state.status = ended(snapshot, Phase.PENDING);
      return state;
    }
    RolloutPlan plan = plan(rollout.plan()).orElse(null);
    RolloutStatus stored =
        new RolloutStatus(
            snapshot.dataset(),
            rollout.candidateVersion(),
            rollout.baselineVersion(),
            plan,
            phase.orElse(Phase.PAUSED),
            rollout.stageIndex(),
            rollout.stageStartedAt(),
            phase(rollout.phaseBeforePause()).orElse(null),
            rollout.exposureBasisPoints(),
            BreachStreaks.NONE,
            null,
            false,
            snapshot.decisionSequence(),
            new AbandonedCandidates(snapshot.abandoned()),
            AdvanceApprovals.NONE,
            rollout.rolloutId());
    state.stageCandidate = stored.candidateVersion();
    state.stageIndex = stored.stageIndex();
    Optional<String> problem = whyNotResumable(rollout, phase, plan, stored);
    String where =
        String.format(
            "recovered from the database without the job's state (last decision #%d at %s): %s of"
                + " %s against %s, stage %d, %d bp",
            snapshot.decisionSequence(),
            snapshot.updatedAt(),
            rollout.phase(),
            stored.candidateVersion(),
            stored.baselineVersion(),
            StageNumber.of(stored.stageIndex()),
            stored.exposureBasisPoints());
    Transition transition;
    if (problem.isEmpty()) {
      transition =
          RolloutStateMachine.onRecovered(
              stored,
              HoldReason.RECOVERED_WITHOUT_STATE,
              where
                  + "; resumed with its evidence, stage counts and breach streaks restarted"
                  + " (approvals given in advance must be given again)",
              state.clock);
    } else {
      state.notResumable = new NotResumable(rollout, problem.get());
      transition =
          RolloutStateMachine.onRecovered(
              stored,
              HoldReason.NOT_RESUMABLE,
              where
                  + "; cannot be resumed: "
                  + problem.get()
                  + "; it stays at its exposure until aborted or rolled back",
              state.clock);
    }
    state.status = transition.next();
    transition.decisions().forEach(out::add);
    if (state.notResumable == null) {
      Decision decision = transition.decisions().get(0);
      state.routing = DatasetGate.routingOf(state.status);
      RoutingUpdate update = new RoutingUpdate(state.routing, decision.sequence(), decision.at());
      out.add(update);
      // Outcomes from before the recovery are not assigned: the history starts here.
      state.routingHistory =
          RoutingHistory.EMPTY.with(update, OutcomeSettings.DEFAULTS.routingRetention());
    }
    return state;
  }

  /** What keeps the stored rollout from running under this job, if anything. */
  private static Optional<String> whyNotResumable(
      GateSnapshot.Rollout rollout, Optional<Phase> phase, RolloutPlan plan, RolloutStatus status) {
    if (phase.isEmpty()) {
      return Optional.of("its phase '" + rollout.phase() + "' is unknown to this job");
    }
    if (status.candidateVersion().equals(status.baselineVersion())) {
      return Optional.of("its candidate is its baseline, " + status.baselineVersion());
    }
    if (plan == null) {
      return Optional.of(
          rollout.plan() == null ? "it has no plan" : planProblem(rollout.plan()).orElseThrow());
    }
    Optional<String> planProblem = PlanCheck.problem(plan);
    if (planProblem.isPresent()) {
      return planProblem;
    }
    int stages = plan.stages().size();
    if (status.stageIndex() < 0 || status.stageIndex() >= stages) {
      return Optional.of(
          "its stage index " + status.stageIndex() + " is not in its plan of " + stages);
    }
    if (status.stageStartedAt() == null) {
      return Optional.of("its stage has no start time");
    }
    Phase exposed = phase.get() == Phase.PAUSED ? status.phaseBeforePause() : phase.get();
    if (exposed != Phase.STAGE
        && exposed != Phase.AWAITING_APPROVAL
        && exposed != Phase.PREFLIGHT) {
      return Optional.of("it is paused from phase " + rollout.phaseBeforePause());
    }
    int expected = expectedExposure(plan, status.stageIndex(), exposed);
    if (status.exposureBasisPoints() != expected) {
      return Optional.of(
          String.format(
              "its exposure %d bp is not the %d bp its plan gives %s",
              status.exposureBasisPoints(),
              expected,
              StageNumber.describe(status.stageIndex(), plan)));
    }
    if (!DatasetGate.saltOf(status).equals(rollout.routingSalt())) {
      return Optional.of(
          String.format(
              "its routing salt '%s' is not this job's '%s': consumers would change cohorts",
              rollout.routingSalt(), DatasetGate.saltOf(status)));
    }
    return Optional.empty();
  }

  /**
   * A stage awaiting approval still exposes the stage before it, or nothing before stage 1; a
   * preflight exposes nothing.
   */
  private static int expectedExposure(RolloutPlan plan, int stageIndex, Phase exposed) {
    if (exposed == Phase.PREFLIGHT) {
      return 0;
    }
    if (exposed == Phase.STAGE) {
      return plan.stages().get(stageIndex).exposureBasisPoints();
    }
    return stageIndex == 0 ? 0 : plan.stages().get(stageIndex - 1).exposureBasisPoints();
  }

  /** A rollout that ended, or none: nothing to resume, only what the next start is judged by. */
  private static RolloutStatus ended(GateSnapshot snapshot, Phase phase) {
    GateSnapshot.Rollout rollout = snapshot.rollout();
    boolean none = phase == Phase.PENDING;
    return new RolloutStatus(
        snapshot.dataset(),
        none ? null : rollout.candidateVersion(),
        none ? null : rollout.baselineVersion(),
        none ? null : plan(rollout.plan()).orElse(null),
        phase,
        none ? -1 : rollout.stageIndex(),
        none ? null : rollout.stageStartedAt(),
        null,
        none ? 0 : rollout.exposureBasisPoints(),
        BreachStreaks.NONE,
        null,
        false,
        snapshot.decisionSequence(),
        new AbandonedCandidates(snapshot.abandoned()),
        AdvanceApprovals.NONE,
        none ? null : rollout.rolloutId());
  }

  private static Optional<RolloutPlan> plan(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PlanJson.parse(json, "gate_snapshot.plan"));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> planProblem(String json) {
    try {
      PlanJson.parse(json, "its plan");
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage().replace('\n', ' '));
    }
  }

  private static Optional<Phase> phase(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Phase.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
