package io.driftgate.rollout;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.time.Instant;

/**
 * Everything the rollout controller remembers about one dataset between inputs: the value kept in
 * the job's keyed state. Immutable; each input yields a new value through {@link
 * RolloutStateMachine}.
 *
 * <p>After a rollout ends, the status of the ended rollout is kept: it carries the decision
 * sequence and the abandoned candidates into the next rollout of the dataset.
 *
 * @param candidateVersion {@code null} while {@link Phase#PENDING}
 * @param baselineVersion {@code null} while {@link Phase#PENDING}
 * @param plan {@code null} while {@link Phase#PENDING}
 * @param stageIndex the stage exposed, or awaiting approval, or 0 in {@link Phase#PREFLIGHT}; -1
 *     while {@link Phase#PENDING}
 * @param stageStartedAt event time the stage clock started: when the stage was entered, or for
 *     {@link Phase#AWAITING_APPROVAL} of stage 0 and for {@link Phase#PREFLIGHT} when the rollout
 *     started; {@code null} while {@link Phase#PENDING}. Pausing does not stop it.
 * @param phaseBeforePause the phase a resume returns to; {@code null} unless {@link Phase#PAUSED}
 * @param exposureBasisPoints share of consumers reading the candidate now, 0..10000
 * @param breachStreaks consecutive breaches per gate since the stage started
 * @param lastHold the reason of the last hold emitted in this stage (or implied by entering {@link
 *     Phase#PAUSED} or {@link Phase#AWAITING_APPROVAL}, or named by a {@link
 *     HoldReason#DEADLINE_PASSED} hold), so that an unchanged hold is not repeated; {@code null}
 *     when none
 * @param overdue the stage clock passed its stage's maxDuration while the stage was held, and the
 *     plan holds rather than rolls back: reported once, and shown as a metric until a stage is
 *     entered or the rollout ends
 * @param decisionSequence decisions issued so far for the dataset, across all its rollouts
 * @param abandoned candidates of the dataset that must not be started again
 * @param advanceApprovals approvals given for stages the rollout has not reached; none once it
 *     ended. Absent (so {@code null}) in state saved before approvals were kept here, read as none.
 * @param rolloutId the command id of the {@link Command.Start} that began the rollout, kept after
 *     it ended like the candidate: what tells two rollouts of the same candidate apart in their
 *     decision ids ({@link DecisionIds}). {@code null} while {@link Phase#PENDING}, and in state
 *     saved before rollouts were identified, whose decisions keep the ids derived from the
 *     candidate.
 */
public record RolloutStatus(
    String dataset,
    String candidateVersion,
    String baselineVersion,
    RolloutPlan plan,
    Phase phase,
    int stageIndex,
    Instant stageStartedAt,
    Phase phaseBeforePause,
    int exposureBasisPoints,
    BreachStreaks breachStreaks,
    HoldReason lastHold,
    boolean overdue,
    long decisionSequence,
    AbandonedCandidates abandoned,
    AdvanceApprovals advanceApprovals,
    String rolloutId)
    implements java.io.Serializable {

  public RolloutStatus {
    advanceApprovals = advanceApprovals == null ? AdvanceApprovals.NONE : advanceApprovals;
  }

  /** Exposure of the last stage of every plan: all consumers read the candidate. */
  public static final int FULL_EXPOSURE = 10_000;

  /** The status of a dataset that never had a rollout. */
  public static RolloutStatus pending(String dataset) {
    return new RolloutStatus(
        dataset,
        null,
        null,
        null,
        Phase.PENDING,
        -1,
        null,
        null,
        0,
        BreachStreaks.NONE,
        null,
        false,
        0,
        AbandonedCandidates.NONE,
        AdvanceApprovals.NONE,
        null);
  }

  public Stage stage() {
    return plan.stages().get(stageIndex);
  }

  public boolean onLastStage() {
    return stageIndex == plan.stages().size() - 1;
  }

  /**
   * The stage {@link #stageStartedAt} times, in {@link Phase#STAGE} or {@link
   * Phase#AWAITING_APPROVAL}: the exposed stage. While stage i &gt; 0 awaits approval that is still
   * stage i - 1, so its maxDuration bounds the wait for the approval too.
   */
  int clockedStageIndex() {
    return phase == Phase.AWAITING_APPROVAL && stageIndex > 0 ? stageIndex - 1 : stageIndex;
  }

  /**
   * The rollout {@code start} begins for this dataset: stage 0 is entered at the start's time, or
   * awaits approval with nothing exposed.
   */
  RolloutStatus started(Command.Start start, Instant at) {
    RolloutStatus fresh = begun(start, Phase.AWAITING_APPROVAL, HoldReason.AWAITING_APPROVAL, at);
    return fresh.stage().approvalRequired() ? fresh : fresh.enteredStage(0, at);
  }

  /**
   * The rollout {@code start} begins with a preflight sample of its streamed candidate: nothing is
   * exposed, and the stage clock of stage 0 runs from the start, so stage 0's maxDuration bounds
   * the sample (and a wait for stage 0's approval after it).
   */
  RolloutStatus sampling(Command.Start start, Instant at) {
    return begun(start, Phase.PREFLIGHT, HoldReason.PREFLIGHT_SAMPLE, at);
  }

  private RolloutStatus begun(Command.Start start, Phase phase, HoldReason hold, Instant at) {
    return new RolloutStatus(
        dataset,
        start.candidateVersion(),
        start.baselineVersion(),
        start.plan(),
        phase,
        0,
        at,
        null,
        0,
        BreachStreaks.NONE,
        hold,
        false,
        decisionSequence,
        abandoned,
        AdvanceApprovals.NONE,
        start.commandId());
  }

  /** Whether the rollout is in its preflight sample, paused or not: stage 0 lies ahead of it. */
  public boolean inPreflight() {
    return phase == Phase.PREFLIGHT
        || (phase == Phase.PAUSED && phaseBeforePause == Phase.PREFLIGHT);
  }

  /** Stage {@code index} is exposed from {@code at}; its clock, streaks and holds start afresh. */
  RolloutStatus enteredStage(int index, Instant at) {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        Phase.STAGE,
        index,
        at,
        null,
        plan.stages().get(index).exposureBasisPoints(),
        BreachStreaks.NONE,
        null,
        false,
        decisionSequence,
        abandoned,
        advanceApprovals.without(index),
        rolloutId);
  }

  /** Stage {@code index} may be entered once approved; the current exposure stays. */
  RolloutStatus awaitingApproval(int index) {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        Phase.AWAITING_APPROVAL,
        index,
        stageStartedAt,
        null,
        exposureBasisPoints,
        breachStreaks,
        HoldReason.AWAITING_APPROVAL,
        overdue,
        decisionSequence,
        abandoned,
        advanceApprovals,
        rolloutId);
  }

  RolloutStatus paused() {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        Phase.PAUSED,
        stageIndex,
        stageStartedAt,
        phase,
        exposureBasisPoints,
        breachStreaks,
        HoldReason.PAUSED,
        overdue,
        decisionSequence,
        abandoned,
        advanceApprovals,
        rolloutId);
  }

  /**
   * Back to the phase before the pause; a hold seen before the pause is reported again, but for
   * waits the phase itself implies.
   */
  RolloutStatus resumed() {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phaseBeforePause,
        stageIndex,
        stageStartedAt,
        null,
        exposureBasisPoints,
        breachStreaks,
        switch (phaseBeforePause) {
          case AWAITING_APPROVAL -> HoldReason.AWAITING_APPROVAL;
          case PREFLIGHT -> HoldReason.PREFLIGHT_SAMPLE;
          default -> null;
        },
        overdue,
        decisionSequence,
        abandoned,
        advanceApprovals,
        rolloutId);
  }

  /**
   * The rollout ends in {@code terminal}: a promoted candidate stays fully exposed, any other is
   * withdrawn and remembered as abandoned.
   */
  RolloutStatus ended(Phase terminal) {
    boolean promoted = terminal == Phase.PROMOTED;
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        terminal,
        stageIndex,
        stageStartedAt,
        null,
        promoted ? exposureBasisPoints : 0,
        BreachStreaks.NONE,
        null,
        false,
        decisionSequence,
        promoted ? abandoned : abandoned.plus(candidateVersion),
        AdvanceApprovals.NONE,
        rolloutId);
  }

  RolloutStatus withStreaks(BreachStreaks streaks) {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phase,
        stageIndex,
        stageStartedAt,
        phaseBeforePause,
        exposureBasisPoints,
        streaks,
        lastHold,
        overdue,
        decisionSequence,
        abandoned,
        advanceApprovals,
        rolloutId);
  }

  /**
   * The stage, held by {@code hold}, is past its deadline: remembered so that the deadline is
   * reported once, while changes of the hold underneath are still reported as before.
   */
  RolloutStatus pastDeadline(HoldReason hold) {
    return withLastHold(hold, true);
  }

  RolloutStatus withLastHold(HoldReason hold) {
    return withLastHold(hold, overdue);
  }

  private RolloutStatus withLastHold(HoldReason hold, boolean pastDeadline) {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phase,
        stageIndex,
        stageStartedAt,
        phaseBeforePause,
        exposureBasisPoints,
        breachStreaks,
        hold,
        pastDeadline,
        decisionSequence,
        abandoned,
        advanceApprovals,
        rolloutId);
  }

  /** The same status, keeping {@code approval} until its stage awaits approval. */
  RolloutStatus withAdvanceApproval(Command.Approve approval) {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phase,
        stageIndex,
        stageStartedAt,
        phaseBeforePause,
        exposureBasisPoints,
        breachStreaks,
        lastHold,
        overdue,
        decisionSequence,
        abandoned,
        advanceApprovals.plus(approval),
        rolloutId);
  }

  /**
   * Whether the stage at {@link #stageIndex} waits for an approval, paused or not: the one stage an
   * approval can apply to now.
   */
  boolean awaitsApproval() {
    return phase == Phase.AWAITING_APPROVAL
        || (phase == Phase.PAUSED && phaseBeforePause == Phase.AWAITING_APPROVAL);
  }

  /** This status having issued one more decision. */
  RolloutStatus numbered() {
    return new RolloutStatus(
        dataset,
        candidateVersion,
        baselineVersion,
        plan,
        phase,
        stageIndex,
        stageStartedAt,
        phaseBeforePause,
        exposureBasisPoints,
        breachStreaks,
        lastHold,
        overdue,
        decisionSequence + 1,
        abandoned,
        advanceApprovals,
        rolloutId);
  }
}
