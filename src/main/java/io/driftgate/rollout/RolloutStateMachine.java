package io.driftgate.rollout;

import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
   * a {@link DecisionKind#REJECTED} decision and changes nothing else. The one command answered
   * later is an approval of a stage the rollout has not reached: it is kept, silently, and answered
   * by the {@link DecisionKind#APPROVED} decision when its stage awaits approval, or by a rejection
   * if the rollout ends first.
   *
   * @param current the dataset's status, {@code null} when it never had one
   * @param at when the command takes effect, what its decisions and a stage it enters are dated:
   *     its own {@link Command#at()}, or later when the caller has already applied later inputs
   * @throws IllegalArgumentException if {@code current} belongs to another dataset: the job keys
   *     both by dataset, so this is a wiring bug, not an input to reject
   */
  public static Transition onCommand(RolloutStatus current, Command command, Instant at) {
    RolloutStatus status = statusOf(current, command.dataset());
    if (command instanceof Command.Start start) {
      return start(status, start, null, 0, at);
    }
    if (status.phase() == Phase.PENDING) {
      return reject(status, command, at, RejectReason.NO_ROLLOUT, "dataset has no rollout");
    }
    if (status.phase().terminal()) {
      return reject(
          status,
          command,
          at,
          RejectReason.ROLLOUT_FINISHED,
          "rollout of " + status.candidateVersion() + " ended " + status.phase());
    }
    if (command instanceof Command.Approve approve) {
      return approve(status, approve, at);
    }
    if (command instanceof Command.Pause pause) {
      return pause(status, pause, at);
    }
    if (command instanceof Command.Resume resume) {
      return resume(status, resume, at);
    }
    if (command instanceof Command.Abort abort) {
      return end(
          status,
          status,
          Phase.ABORTED,
          command.commandId(),
          command.actor(),
          at,
          change -> Decision.aborted(change, "aborted: " + abort.reason()));
    }
    if (command instanceof Command.ManualRollback rollback) {
      return end(
          status,
          status,
          Phase.ROLLED_BACK,
          command.commandId(),
          command.actor(),
          at,
          change ->
              Decision.rollback(
                  change,
                  RollbackReason.MANUAL,
                  "manual rollback: " + rollback.reason(),
                  List.of()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /**
   * A start whose candidate had a preflight: refused as any start would be, then refused with
   * {@link RejectReason#PREFLIGHT_FAILED} and the preflight's evidence when it failed; otherwise
   * started, the started decision carrying the preflight's evidence.
   */
  public static Transition onStart(
      RolloutStatus current, Command.Start start, PreflightVerdict preflight, Instant at) {
    return start(statusOf(current, start.dataset()), start, preflight, 0, at);
  }

  /**
   * A start of a streamed candidate, refused as any start would be; when the contract asks for a
   * preflight sample, the rollout begins in {@link Phase#PREFLIGHT} with nobody exposed, and stage
   * 1 waits for the sample ({@link #onEvaluation(RolloutStatus, Evaluation, StageSamples, long,
   * Instant)}).
   *
   * @param preflightSamples candidate records the sample needs; 0 for none, when stage 1 begins at
   *     once
   */
  public static Transition onStreamedStart(
      RolloutStatus current, Command.Start start, long preflightSamples, Instant at) {
    return start(statusOf(current, start.dataset()), start, null, preflightSamples, at);
  }

  /**
   * A command refused before the state machine weighs it, for a rule outside the rollout's phase
   * (the alias, the contract's control policy): a {@link DecisionKind#REJECTED} decision that
   * changes nothing else.
   */
  public static Transition refuse(
      RolloutStatus current, Command command, Instant at, RejectReason reason, String message) {
    RolloutStatus status = statusOf(current, command.dataset());
    return reject(status, command, at, reason, message);
  }

  /**
   * The rollout's evidence was thrown away (its profiles no longer fit the contract): one {@link
   * HoldReason#EVIDENCE_RESTARTED} hold that says why, and breach streaks that start again, since
   * they counted breaches of evidence that is gone. Silent for a rollout that is not active.
   */
  public static Transition onEvidenceRestarted(RolloutStatus current, String why, Instant at) {
    if (current == null || !current.phase().active()) {
      return Transition.silent(current);
    }
    RolloutStatus after =
        current
            .withStreaks(BreachStreaks.NONE)
            .withLastHold(HoldReason.EVIDENCE_RESTARTED)
            .numbered();
    return Transition.of(
        after,
        Decision.hold(
            automatic(current, after, at),
            HoldReason.EVIDENCE_RESTARTED,
            "evidence restarts: " + why,
            List.of()));
  }

  /**
   * A rollout read back from the database by a job that started without its state: one hold that
   * says so and why, numbered after the last stored decision, and breach streaks that start again.
   *
   * @param recovered the status rebuilt from the database, active, with the stored sequence
   * @param reason {@link HoldReason#RECOVERED_WITHOUT_STATE} for a rollout that runs on, {@link
   *     HoldReason#NOT_RESUMABLE} for one that cannot
   */
  public static Transition onRecovered(
      RolloutStatus recovered, HoldReason reason, String message, Instant at) {
    RolloutStatus after = recovered.withStreaks(BreachStreaks.NONE).withLastHold(reason).numbered();
    return Transition.of(
        after, Decision.hold(automatic(recovered, after, at), reason, message, List.of()));
  }

  /**
   * A command to a rollout recovered from the database that cannot be resumed: an abort, a rollback
   * or a start is applied as always (the start is refused, the rollout being active); anything else
   * needs a plan to run, so it is refused with {@link RejectReason#ROLLOUT_NOT_RESUMABLE}.
   *
   * @param why what keeps the rollout from being resumed
   */
  public static Transition onCommandNotResumable(
      RolloutStatus current, Command command, String why, Instant at) {
    if (command instanceof Command.Abort
        || command instanceof Command.ManualRollback
        || command instanceof Command.Start) {
      return onCommand(current, command, at);
    }
    return reject(
        sameDataset(current, command.dataset()),
        command,
        at,
        RejectReason.ROLLOUT_NOT_RESUMABLE,
        String.format(
            "the rollout of %s recovered from the database cannot be resumed (%s): abort it or"
                + " roll it back",
            current.candidateVersion(), why));
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
   * @param at what its decisions, a stage it enters and the deadline check are dated: the
   *     evaluation's {@code windowEnd}, or later when the caller has already applied later inputs
   * @throws IllegalArgumentException if {@code current} belongs to another dataset
   */
  public static Transition onEvaluation(
      RolloutStatus current, Evaluation evaluation, StageSamples stageSamples, Instant at) {
    return onEvaluation(current, evaluation, stageSamples, 0, at);
  }

  /**
   * Weighs an evaluation as {@link #onEvaluation(RolloutStatus, Evaluation, StageSamples, Instant)}
   * does; in {@link Phase#PREFLIGHT}, as the preflight of a streamed candidate: a rollback verdict
   * fails it at once, and it is judged as a bounded candidate's preflight ({@link
   * PreflightJudge#judgeSample}) once the evaluation's candidate has {@code preflightSamples}
   * records and every gate has data. A pass enters stage 1 (or its approval), a failure ends the
   * rollout {@link RollbackReason#PREFLIGHT_FAILED}; until then it holds with nobody exposed.
   *
   * @param preflightSamples candidate records the preflight sample needs, the contract's current
   *     {@code x-driftgate.preflight.minSamples}
   */
  public static Transition onEvaluation(
      RolloutStatus current,
      Evaluation evaluation,
      StageSamples stageSamples,
      long preflightSamples,
      Instant at) {
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
    if (verdict instanceof StageVerdict.RollBack rollBack) {
      boolean preflight = status.inPreflight();
      return automaticRollback(
          current,
          status,
          preflight ? RollbackReason.PREFLIGHT_FAILED : rollBack.reason(),
          preflight ? "preflight failed: " + rollBack.message() : rollBack.message(),
          rollBack.evidence(),
          at);
    }
    if (status.phase() == Phase.PAUSED) {
      return Transition.silent(status);
    }
    if (status.phase() == Phase.PREFLIGHT) {
      Optional<PreflightVerdict> preflight =
          PreflightJudge.judgeSample(evaluation, preflightSamples);
      if (preflight.isPresent()) {
        return preflightJudged(current, status, preflight.get(), at);
      }
    }
    if (status.phase() == Phase.STAGE && verdict instanceof StageVerdict.Pass pass) {
      return pass(current, status, pass, at);
    }
    StageVerdict.Hold hold =
        switch (status.phase()) {
          case STAGE -> (StageVerdict.Hold) verdict;
          case PREFLIGHT ->
              new StageVerdict.Hold(
                  HoldReason.PREFLIGHT_SAMPLE,
                  PreflightJudge.sampleShortfall(evaluation, preflightSamples),
                  List.of());
          default ->
              new StageVerdict.Hold(
                  HoldReason.AWAITING_APPROVAL,
                  StageNumber.describe(status.stageIndex(), status.plan()) + " awaits approval",
                  List.of());
        };
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

  /**
   * The next instant after {@code now} at which a judgement of unchanged evidence could decide
   * something new: the stage's minimum duration ending, or its deadline; empty when neither is
   * ahead. A rollout whose evidence is complete (a preflight's) gets no new windows, so nothing
   * else would wake it.
   */
  public static Optional<Instant> nextCheck(RolloutStatus status, Instant now) {
    if (status == null
        || !status.phase().active()
        || status.stageStartedAt() == null
        || status.overdue()) {
      return Optional.empty();
    }
    Instant deadline = deadline(status);
    Instant minimumEnds =
        status.phase() == Phase.STAGE
            ? status.stageStartedAt().plus(status.stage().minDuration())
            : deadline;
    if (minimumEnds.isAfter(now)) {
      return Optional.of(minimumEnds);
    }
    return deadline.isAfter(now) ? Optional.of(deadline) : Optional.empty();
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
            "%s ran %s, past its maxDuration %s, held by %s: %s",
            StageNumber.describe(clocked, status.plan()),
            Duration.between(status.stageStartedAt(), at),
            status.plan().stages().get(clocked).maxDuration(),
            hold.reason(),
            hold.message());
    if (status.plan().onDeadline() == DeadlineAction.ROLLBACK) {
      return automaticRollback(
          current, status, RollbackReason.STAGE_DEADLINE, message, hold.evidence(), at);
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
      return end(
          current,
          status,
          Phase.PROMOTED,
          null,
          Decision.AUTOMATIC,
          at,
          change -> Decision.promoted(change, "promoted: " + pass.message(), pass.evidence()));
    }
    return advance(current, status, status.stageIndex() + 1, pass.message(), pass.evidence(), at);
  }

  /**
   * A streamed candidate's preflight sample was judged: a failure withdraws it before anyone read
   * it, a pass leads to stage 1 as a passed stage leads to the next.
   */
  private static Transition preflightJudged(
      RolloutStatus current, RolloutStatus status, PreflightVerdict preflight, Instant at) {
    if (preflight instanceof PreflightVerdict.Fail failed) {
      return automaticRollback(
          current,
          status,
          RollbackReason.PREFLIGHT_FAILED,
          failed.message(),
          failed.evidence(),
          at);
    }
    return advance(current, status, 0, preflight.message(), preflight.evidence(), at);
  }

  /**
   * Moves the rollout on to stage {@code next}: entered at once, or awaiting its approval, which
   * one given in advance answers at once.
   */
  private static Transition advance(
      RolloutStatus current,
      RolloutStatus status,
      int next,
      String message,
      List<GateResult> evidence,
      Instant at) {
    if (status.plan().stages().get(next).approvalRequired()) {
      RolloutStatus awaiting = status.awaitingApproval(next).numbered();
      Decision awaits =
          Decision.awaitingApproval(
              automatic(current, awaiting, at),
              message + "; " + StageNumber.describe(next, status.plan()) + " awaits approval",
              evidence);
      Optional<Command.Approve> given = status.advanceApprovals().forStage(next);
      if (given.isEmpty()) {
        return Transition.of(awaiting, awaits);
      }
      RolloutStatus entered = awaiting.enteredStage(next, at).numbered();
      Decision approved =
          Decision.approved(
              new StatusChange(awaiting, entered, given.get().commandId(), given.get().actor(), at),
              String.format(
                  "%s approved in advance (command %s at %s); %s",
                  StageNumber.describe(next, status.plan()),
                  given.get().commandId(),
                  given.get().at(),
                  exposureChange(awaiting, entered)));
      return new Transition(entered, List.of(awaits, approved));
    }
    RolloutStatus after = status.enteredStage(next, at).numbered();
    return Transition.of(
        after,
        Decision.advanced(
            automatic(current, after, at),
            message + "; " + exposureChange(status, after),
            evidence));
  }

  /**
   * @param preflightSamples candidate records a streamed candidate's preflight sample needs before
   *     stage 1; 0 for none, and ignored when {@code preflight} judged a bounded candidate whole
   */
  private static Transition start(
      RolloutStatus status,
      Command.Start start,
      PreflightVerdict preflight,
      long preflightSamples,
      Instant at) {
    String candidate = start.candidateVersion();
    if (status.phase().active()) {
      return reject(
          status,
          start,
          at,
          RejectReason.ROLLOUT_ACTIVE,
          String.format(
              "start of %s refused: rollout of %s is %s",
              candidate, status.candidateVersion(), status.phase()));
    }
    if (status.abandoned().contains(candidate)) {
      return reject(
          status,
          start,
          at,
          RejectReason.CANDIDATE_ABANDONED,
          "start of " + candidate + " refused: it was aborted or rolled back before");
    }
    if (status.phase() == Phase.PROMOTED && candidate.equals(status.candidateVersion())) {
      return reject(
          status,
          start,
          at,
          RejectReason.CANDIDATE_PROMOTED,
          "start of " + candidate + " refused: it is already promoted");
    }
    Optional<String> problem = PlanCheck.problem(start.plan());
    if (problem.isPresent()) {
      return reject(
          status,
          start,
          at,
          RejectReason.INVALID_PLAN,
          "start of " + candidate + " refused: " + problem.get());
    }
    if (preflight instanceof PreflightVerdict.Fail failed) {
      RolloutStatus after = status.numbered();
      return Transition.of(
          after,
          Decision.rejected(
              change(status, after, start, at),
              RejectReason.PREFLIGHT_FAILED,
              "start of " + candidate + " refused: " + failed.message(),
              failed.evidence()));
    }
    boolean sampling = preflight == null && preflightSamples > 0;
    RolloutStatus after =
        (sampling ? status.sampling(start, at) : status.started(start, at)).numbered();
    String stage = StageNumber.describe(0, after.plan());
    String message =
        String.format(
            "started %s against %s: %s",
            candidate,
            start.baselineVersion(),
            switch (after.phase()) {
              case PREFLIGHT ->
                  String.format(
                      "nobody exposed until a preflight sample of %d candidate records passes;"
                          + " then %s",
                      preflightSamples, stage);
              case AWAITING_APPROVAL -> stage + " awaits approval";
              default -> stage + " at " + after.exposureBasisPoints() + " bp";
            });
    // A new rollout begins from nothing exposed, whatever the previous rollout ended in.
    RolloutStatus fresh = RolloutStatus.pending(status.dataset());
    if (preflight != null) {
      return Transition.of(
          after,
          Decision.started(
              change(fresh, after, start, at),
              message + "; " + preflight.message(),
              preflight.evidence()));
    }
    return Transition.of(after, Decision.started(change(fresh, after, start, at), message));
  }

  /**
   * An approval applies to the stage awaiting one; one for a later stage that needs approval is
   * kept until that stage awaits it; anything else is refused, saying why.
   */
  private static Transition approve(RolloutStatus status, Command.Approve approve, Instant at) {
    int stage = approve.stageIndex();
    RolloutPlan plan = status.plan();
    if (stage < 0 || stage >= plan.stages().size()) {
      return reject(
          status,
          approve,
          at,
          RejectReason.STAGE_NOT_IN_PLAN,
          String.format(
              "approval of stage %d refused: the plan has %d stages",
              StageNumber.of(stage), plan.stages().size()));
    }
    String refused = "approval of " + StageNumber.describe(stage, plan) + " refused: ";
    boolean awaited = status.awaitsApproval() && stage == status.stageIndex();
    boolean ahead = status.inPreflight() && stage == 0;
    if (stage < status.stageIndex() || (stage == status.stageIndex() && !awaited && !ahead)) {
      return reject(
          status,
          approve,
          at,
          RejectReason.STAGE_PASSED,
          refused + "the rollout is past it, " + whereItIs(status));
    }
    if (!plan.stages().get(stage).approvalRequired()) {
      return reject(
          status,
          approve,
          at,
          RejectReason.APPROVAL_NOT_REQUIRED,
          refused + "the plan enters it without approval");
    }
    if (awaited && status.phase() == Phase.PAUSED) {
      return reject(
          status,
          approve,
          at,
          RejectReason.ROLLOUT_PAUSED,
          refused + "rollout is paused, resume first");
    }
    if (awaited) {
      RolloutStatus after = status.enteredStage(stage, at).numbered();
      return Transition.of(
          after,
          Decision.approved(
              change(status, after, approve, at),
              StageNumber.describe(stage, plan) + " approved; " + exposureChange(status, after)));
    }
    Optional<Command.Approve> earlier = status.advanceApprovals().forStage(stage);
    if (earlier.isPresent()) {
      return reject(
          status,
          approve,
          at,
          RejectReason.ALREADY_APPROVED,
          String.format(
              "%salready approved in advance by %s (command %s)",
              refused, earlier.get().actor(), earlier.get().commandId()));
    }
    return Transition.silent(status.withAdvanceApproval(approve));
  }

  /** Where the rollout stands, for a refusal to name, e.g. "in stage 2 of 5". */
  private static String whereItIs(RolloutStatus status) {
    String stage = StageNumber.describe(status.stageIndex(), status.plan());
    if (status.inPreflight()) {
      return (status.phase() == Phase.PAUSED ? "paused in" : "in")
          + " the preflight before "
          + stage;
    }
    if (status.phase() == Phase.PAUSED) {
      return "paused with " + stage + (status.awaitsApproval() ? " awaiting approval" : " exposed");
    }
    return status.phase() == Phase.AWAITING_APPROVAL ? stage + " awaits approval" : "in " + stage;
  }

  private static Transition pause(RolloutStatus status, Command.Pause pause, Instant at) {
    if (status.phase() == Phase.PAUSED) {
      return reject(status, pause, at, RejectReason.ALREADY_PAUSED, "rollout is already paused");
    }
    RolloutStatus after = status.paused().numbered();
    return Transition.of(
        after,
        Decision.paused(
            change(status, after, pause, at),
            String.format(
                "paused in %s of %s at %d bp",
                status.phase(),
                StageNumber.describe(status.stageIndex(), status.plan()),
                status.exposureBasisPoints())));
  }

  private static Transition resume(RolloutStatus status, Command.Resume resume, Instant at) {
    if (status.phase() != Phase.PAUSED) {
      return reject(
          status,
          resume,
          at,
          RejectReason.NOT_PAUSED,
          "resume refused: rollout is " + status.phase());
    }
    RolloutStatus after = status.resumed().numbered();
    return Transition.of(
        after,
        Decision.resumed(
            change(status, after, resume, at),
            "resumed "
                + after.phase()
                + " of "
                + StageNumber.describe(after.stageIndex(), after.plan())));
  }

  /**
   * Ends the rollout in {@code terminal} with the decision {@code decide} makes, then answers each
   * approval kept for a stage the rollout never reached: refused, since its rollout is over.
   *
   * @param current the status before the input, what the decision's {@code fromPhase} reports
   * @param status the status the rollout ends from (after this input's streaks)
   * @param commandId the command that ends it, {@code null} when an evaluation does
   */
  private static Transition end(
      RolloutStatus current,
      RolloutStatus status,
      Phase terminal,
      String commandId,
      String actor,
      Instant at,
      Function<StatusChange, Decision> decide) {
    RolloutStatus after = status.ended(terminal).numbered();
    List<Decision> decisions = new ArrayList<>();
    decisions.add(decide.apply(new StatusChange(current, after, commandId, actor, at)));
    for (Command.Approve lapsed : status.advanceApprovals().approvals()) {
      RolloutStatus next = after.numbered();
      decisions.add(
          Decision.rejected(
              new StatusChange(after, next, lapsed.commandId(), lapsed.actor(), at),
              RejectReason.ROLLOUT_FINISHED,
              String.format(
                  "approval of %s given in advance (command %s at %s) lapsed: rollout of %s ended"
                      + " %s",
                  StageNumber.describe(lapsed.stageIndex(), status.plan()),
                  lapsed.commandId(),
                  lapsed.at(),
                  status.candidateVersion(),
                  terminal)));
      after = next;
    }
    return new Transition(after, decisions);
  }

  /** Ends the rollout {@link Phase#ROLLED_BACK} on evidence, no command asking for it. */
  private static Transition automaticRollback(
      RolloutStatus current,
      RolloutStatus status,
      RollbackReason reason,
      String message,
      List<GateResult> evidence,
      Instant at) {
    return end(
        current,
        status,
        Phase.ROLLED_BACK,
        null,
        Decision.AUTOMATIC,
        at,
        change -> Decision.rollback(change, reason, message, evidence));
  }

  private static Transition reject(
      RolloutStatus status, Command command, Instant at, RejectReason reason, String message) {
    RolloutStatus after = status.numbered();
    return Transition.of(
        after, Decision.rejected(change(status, after, command, at), reason, message));
  }

  private static StatusChange change(
      RolloutStatus before, RolloutStatus after, Command command, Instant at) {
    return new StatusChange(before, after, command.commandId(), command.actor(), at);
  }

  private static StatusChange automatic(RolloutStatus before, RolloutStatus after, Instant at) {
    return new StatusChange(before, after, null, Decision.AUTOMATIC, at);
  }

  private static String exposureChange(RolloutStatus before, RolloutStatus after) {
    return "exposure "
        + before.exposureBasisPoints()
        + " -> "
        + after.exposureBasisPoints()
        + " bp";
  }

  /** The dataset's status, or a pending one when it never had one. */
  private static RolloutStatus statusOf(RolloutStatus current, String dataset) {
    return current == null ? RolloutStatus.pending(dataset) : sameDataset(current, dataset);
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
