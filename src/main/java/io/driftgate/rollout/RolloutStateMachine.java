package io.driftgate.rollout;

import io.driftgate.contract.DeadlineAction;
import io.driftgate.drift.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rollout controller's rules: a pure function from the kept {@link RolloutStatus} and one input
 * to the next status and the decisions it causes. No clock, no randomness and no Flink, so a replay
 * of the same inputs in the same order yields equal statuses and decisions, ids included. Ordering
 * the inputs (by event time) is the caller's job. The rules where a choice was needed are listed in
 * the package documentation.
 */
public final class RolloutStateMachine {

  private RolloutStateMachine() {}

  /**
   * Applies an operator's command; a command that does not fit the rollout's phase is rejected with
   * a {@link DecisionKind#REJECTED} decision and changes nothing else.
   *
   * @param current the dataset's status, {@code null} when it never had one
   * @throws IllegalArgumentException if {@code current} belongs to another dataset: the job keys
   *     both by dataset, so this is a wiring bug, not an input to reject
   */
  public static Transition onCommand(RolloutStatus current, Command command) {
    RolloutStatus status =
        current == null
            ? RolloutStatus.pending(command.dataset())
            : sameDataset(current, command.dataset());
    if (command instanceof Command.Start start) {
      return start(status, start);
    }
    if (status.phase() == Phase.PENDING) {
      return reject(status, command, RejectReason.NO_ROLLOUT, "dataset has no rollout");
    }
    if (status.phase().terminal()) {
      return reject(
          status,
          command,
          RejectReason.ROLLOUT_FINISHED,
          "rollout of " + status.candidateVersion() + " ended " + status.phase());
    }
    if (command instanceof Command.Approve approve) {
      return approve(status, approve);
    }
    if (command instanceof Command.Pause pause) {
      return pause(status, pause);
    }
    if (command instanceof Command.Resume resume) {
      return resume(status, resume);
    }
    if (command instanceof Command.Abort abort) {
      RolloutStatus after = status.ended(Phase.ABORTED).numbered();
      return Transition.of(
          after, Decision.aborted(change(status, after, command), "aborted: " + abort.reason()));
    }
    if (command instanceof Command.ManualRollback rollback) {
      RolloutStatus after = status.ended(Phase.ROLLED_BACK).numbered();
      return Transition.of(
          after,
          Decision.rollback(
              change(status, after, command),
              RollbackReason.MANUAL,
              "manual rollback: " + rollback.reason(),
              List.of()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /**
   * Weighs an evaluation of the active candidate against its baseline. Evaluations of another
   * candidate or baseline (late windows of an earlier rollout), and evaluations while no rollout is
   * active, change nothing and decide nothing: they are normal in a stream and would only flood the
   * audit log.
   *
   * @param current the dataset's status, {@code null} when it never had one
   * @param stageSamples records per side observed in the current stage: the evaluation's own counts
   *     cover the whole rollout, a stage's minimum samples its own exposure
   * @throws IllegalArgumentException if {@code current} belongs to another dataset
   */
  public static Transition onEvaluation(
      RolloutStatus current, Evaluation evaluation, StageSamples stageSamples) {
    if (current == null) {
      return Transition.silent(null);
    }
    sameDataset(current, evaluation.dataset());
    if (!current.phase().active()
        || !current.candidateVersion().equals(evaluation.candidateVersion())
        || !current.baselineVersion().equals(evaluation.baselineVersion())) {
      return Transition.silent(current);
    }
    RolloutStatus status = current.withStreaks(current.breachStreaks().after(evaluation.results()));
    StageVerdict verdict =
        StageJudge.judge(
            evaluation,
            stageSamples,
            status.breachStreaks(),
            status.plan().rollbackWindow(),
            status.stage(),
            status.stageStartedAt());
    Instant at = evaluation.windowEnd();
    if (verdict instanceof StageVerdict.RollBack rollBack) {
      RolloutStatus after = status.ended(Phase.ROLLED_BACK).numbered();
      return Transition.of(
          after,
          Decision.rollback(
              automatic(current, after, at),
              rollBack.reason(),
              rollBack.message(),
              rollBack.evidence()));
    }
    if (status.phase() == Phase.PAUSED) {
      return Transition.silent(status);
    }
    if (status.phase() == Phase.STAGE && verdict instanceof StageVerdict.Pass pass) {
      return pass(current, status, pass, at);
    }
    StageVerdict.Hold hold =
        status.phase() == Phase.STAGE
            ? (StageVerdict.Hold) verdict
            : new StageVerdict.Hold(
                HoldReason.AWAITING_APPROVAL,
                "stage " + status.stageIndex() + " awaits approval",
                List.of());
    if (!status.overdue() && !at.isBefore(deadline(status))) {
      return deadlinePassed(current, status, hold, at);
    }
    if (hold.reason() == status.lastHold()) {
      return Transition.silent(status);
    }
    RolloutStatus after = status.withLastHold(hold.reason()).numbered();
    return Transition.of(
        after,
        Decision.hold(
            automatic(current, after, at), hold.reason(), hold.message(), hold.evidence()));
  }

  private static Instant deadline(RolloutStatus status) {
    return status
        .stageStartedAt()
        .plus(status.plan().stages().get(status.clockedStageIndex()).maxDuration());
  }

  /**
   * Ends the wait of a stage held past its deadline as the plan says: a rollback, or one {@link
   * HoldReason#DEADLINE_PASSED} hold after which the stage holds as before.
   */
  private static Transition deadlinePassed(
      RolloutStatus current, RolloutStatus status, StageVerdict.Hold hold, Instant at) {
    int clocked = status.clockedStageIndex();
    String message =
        String.format(
            "stage %d ran %s, past its maxDuration %s, held by %s: %s",
            clocked,
            Duration.between(status.stageStartedAt(), at),
            status.plan().stages().get(clocked).maxDuration(),
            hold.reason(),
            hold.message());
    if (status.plan().onDeadline() == DeadlineAction.ROLLBACK) {
      RolloutStatus after = status.ended(Phase.ROLLED_BACK).numbered();
      return Transition.of(
          after,
          Decision.rollback(
              automatic(current, after, at),
              RollbackReason.STAGE_DEADLINE,
              message,
              hold.evidence()));
    }
    RolloutStatus after = status.pastDeadline(hold.reason()).numbered();
    return Transition.of(
        after,
        Decision.hold(
            automatic(current, after, at), HoldReason.DEADLINE_PASSED, message, hold.evidence()));
  }

  private static Transition pass(
      RolloutStatus current, RolloutStatus status, StageVerdict.Pass pass, Instant at) {
    if (status.onLastStage()) {
      RolloutStatus after = status.ended(Phase.PROMOTED).numbered();
      return Transition.of(
          after,
          Decision.promoted(
              automatic(current, after, at), "promoted: " + pass.message(), pass.evidence()));
    }
    int next = status.stageIndex() + 1;
    if (status.plan().stages().get(next).approvalRequired()) {
      RolloutStatus after = status.awaitingApproval(next).numbered();
      return Transition.of(
          after,
          Decision.awaitingApproval(
              automatic(current, after, at),
              pass.message() + "; stage " + next + " awaits approval",
              pass.evidence()));
    }
    RolloutStatus after = status.enteredStage(next, at).numbered();
    return Transition.of(
        after,
        Decision.advanced(
            automatic(current, after, at),
            pass.message() + "; " + exposureChange(status, after),
            pass.evidence()));
  }

  private static Transition start(RolloutStatus status, Command.Start start) {
    String candidate = start.candidateVersion();
    if (status.phase().active()) {
      return reject(
          status,
          start,
          RejectReason.ROLLOUT_ACTIVE,
          String.format(
              "start of %s refused: rollout of %s is %s",
              candidate, status.candidateVersion(), status.phase()));
    }
    if (status.abandoned().contains(candidate)) {
      return reject(
          status,
          start,
          RejectReason.CANDIDATE_ABANDONED,
          "start of " + candidate + " refused: it was aborted or rolled back before");
    }
    if (status.phase() == Phase.PROMOTED && candidate.equals(status.candidateVersion())) {
      return reject(
          status,
          start,
          RejectReason.CANDIDATE_PROMOTED,
          "start of " + candidate + " refused: it is already promoted");
    }
    Optional<String> problem = PlanCheck.problem(start.plan());
    if (problem.isPresent()) {
      return reject(
          status,
          start,
          RejectReason.INVALID_PLAN,
          "start of " + candidate + " refused: " + problem.get());
    }
    RolloutStatus after =
        status.started(candidate, start.baselineVersion(), start.plan(), start.at()).numbered();
    String message =
        String.format(
            "started %s against %s: %s",
            candidate,
            start.baselineVersion(),
            after.phase() == Phase.AWAITING_APPROVAL
                ? "stage 0 awaits approval"
                : "stage 0 at " + after.exposureBasisPoints() + " bp");
    // A new rollout begins from nothing exposed, whatever the previous rollout ended in.
    RolloutStatus fresh = RolloutStatus.pending(status.dataset());
    return Transition.of(
        after,
        Decision.started(new StatusChange(fresh, after, start.actor(), start.at()), message));
  }

  private static Transition approve(RolloutStatus status, Command.Approve approve) {
    if (status.phase() != Phase.AWAITING_APPROVAL) {
      return reject(
          status,
          approve,
          RejectReason.NOT_AWAITING_APPROVAL,
          "approval of stage " + approve.stageIndex() + " refused: rollout is " + status.phase());
    }
    if (approve.stageIndex() != status.stageIndex()) {
      return reject(
          status,
          approve,
          RejectReason.WRONG_STAGE,
          String.format(
              "approval of stage %d refused: stage %d awaits approval",
              approve.stageIndex(), status.stageIndex()));
    }
    RolloutStatus after = status.enteredStage(status.stageIndex(), approve.at()).numbered();
    return Transition.of(
        after,
        Decision.approved(
            change(status, after, approve),
            "stage " + after.stageIndex() + " approved; " + exposureChange(status, after)));
  }

  private static Transition pause(RolloutStatus status, Command.Pause pause) {
    if (status.phase() == Phase.PAUSED) {
      return reject(status, pause, RejectReason.ALREADY_PAUSED, "rollout is already paused");
    }
    RolloutStatus after = status.paused().numbered();
    return Transition.of(
        after,
        Decision.paused(
            change(status, after, pause),
            String.format(
                "paused in %s of stage %d at %d bp",
                status.phase(), status.stageIndex(), status.exposureBasisPoints())));
  }

  private static Transition resume(RolloutStatus status, Command.Resume resume) {
    if (status.phase() != Phase.PAUSED) {
      return reject(
          status, resume, RejectReason.NOT_PAUSED, "resume refused: rollout is " + status.phase());
    }
    RolloutStatus after = status.resumed().numbered();
    return Transition.of(
        after,
        Decision.resumed(
            change(status, after, resume),
            "resumed " + after.phase() + " of stage " + after.stageIndex()));
  }

  private static Transition reject(
      RolloutStatus status, Command command, RejectReason reason, String message) {
    RolloutStatus after = status.numbered();
    return Transition.of(after, Decision.rejected(change(status, after, command), reason, message));
  }

  private static StatusChange change(RolloutStatus before, RolloutStatus after, Command command) {
    return new StatusChange(before, after, command.actor(), command.at());
  }

  private static StatusChange automatic(RolloutStatus before, RolloutStatus after, Instant at) {
    return new StatusChange(before, after, Decision.AUTOMATIC, at);
  }

  private static String exposureChange(RolloutStatus before, RolloutStatus after) {
    return "exposure "
        + before.exposureBasisPoints()
        + " -> "
        + after.exposureBasisPoints()
        + " bp";
  }

  private static RolloutStatus sameDataset(RolloutStatus status, String dataset) {
    if (!Objects.equals(status.dataset(), dataset)) {
      throw new IllegalArgumentException(
          "rollout status of dataset "
              + status.dataset()
              + " given an input of dataset "
              + dataset);
    }
    return status;
  }
}
