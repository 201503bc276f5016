package io.driftgate.rollout;

import io.driftgate.drift.GateResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the rollout controller decided after one input, and why: a row of the audit log, and for
 * rollbacks and promotions the message the side outputs act on. Every "nothing happens" that is
 * worth knowing is a decision too ({@link DecisionKind#HELD}, {@link DecisionKind#REJECTED}).
 *
 * @param decisionId deterministic, and distinct across rollouts of the same candidate: see {@link
 *     DecisionIds}
 * @param sequence position in the dataset's decisions, from 1, across all its rollouts
 * @param candidateVersion the candidate of the rollout the decision belongs to; {@code null} when
 *     the dataset never had one
 * @param stageIndex the stage after the decision (the stage awaiting approval for {@link
 *     Phase#AWAITING_APPROVAL}); -1 when no rollout started
 * @param exposureBasisPoints share of consumers reading the candidate after the decision
 * @param routingChanged whether the exposure differs from the one before the decision
 * @param message for humans, e.g. which gate breached how often, with its statistic
 * @param evidence the gate results the decision rests on; empty for commands
 * @param actor who issued the command, or {@value #AUTOMATIC} for decisions on evaluations
 * @param at event time of the input that caused the decision
 */
public record Decision(
    UUID decisionId,
    long sequence,
    String dataset,
    String candidateVersion,
    String baselineVersion,
    DecisionKind kind,
    Phase fromPhase,
    Phase toPhase,
    int stageIndex,
    int exposureBasisPoints,
    boolean routingChanged,
    Reason reason,
    String message,
    List<GateResult> evidence,
    String actor,
    Instant at)
    implements java.io.Serializable {

  /** The actor of decisions taken on evaluations rather than on commands. */
  public static final String AUTOMATIC = "driftgate";

  public Decision {
    evidence = List.copyOf(evidence);
  }

  static Decision started(StatusChange change, String message) {
    return started(change, message, List.of());
  }

  /** A start with evidence: its preflight's. */
  static Decision started(StatusChange change, String message, List<GateResult> evidence) {
    Reason reason =
        switch (change.after().phase()) {
          case AWAITING_APPROVAL -> HoldReason.AWAITING_APPROVAL;
          case PREFLIGHT -> HoldReason.PREFLIGHT_SAMPLE;
          default -> ProgressReason.COMMANDED;
        };
    return of(DecisionKind.STARTED, reason, change, message, evidence);
  }

  static Decision advanced(StatusChange change, String message, List<GateResult> evidence) {
    return of(DecisionKind.ADVANCED, ProgressReason.GATES_PASSED, change, message, evidence);
  }

  static Decision awaitingApproval(StatusChange change, String message, List<GateResult> evidence) {
    return of(
        DecisionKind.AWAITING_APPROVAL, HoldReason.AWAITING_APPROVAL, change, message, evidence);
  }

  static Decision approved(StatusChange change, String message) {
    return of(DecisionKind.APPROVED, ProgressReason.COMMANDED, change, message, List.of());
  }

  static Decision hold(
      StatusChange change, HoldReason reason, String message, List<GateResult> evidence) {
    return of(DecisionKind.HELD, reason, change, message, evidence);
  }

  static Decision paused(StatusChange change, String message) {
    return of(DecisionKind.PAUSED, HoldReason.PAUSED, change, message, List.of());
  }

  static Decision resumed(StatusChange change, String message) {
    return of(DecisionKind.RESUMED, ProgressReason.COMMANDED, change, message, List.of());
  }

  static Decision rollback(
      StatusChange change, RollbackReason reason, String message, List<GateResult> evidence) {
    return of(DecisionKind.ROLLED_BACK, reason, change, message, evidence);
  }

  static Decision promoted(StatusChange change, String message, List<GateResult> evidence) {
    return of(DecisionKind.PROMOTED, ProgressReason.GATES_PASSED, change, message, evidence);
  }

  static Decision aborted(StatusChange change, String message) {
    return of(DecisionKind.ABORTED, ProgressReason.COMMANDED, change, message, List.of());
  }

  static Decision rejected(StatusChange change, RejectReason reason, String message) {
    return rejected(change, reason, message, List.of());
  }

  static Decision rejected(
      StatusChange change, RejectReason reason, String message, List<GateResult> evidence) {
    return of(DecisionKind.REJECTED, reason, change, message, evidence);
  }

  /**
   * The audit row of a command refused before it reached its dataset's rollout, for its signature,
   * freshness or the contract's control policy. Such a command is no input of the rollout: its
   * decision has sequence 0, phases {@link Phase#PENDING}, stage -1 and no exposure, and changes no
   * numbering, so that forged commands cannot shift the ids of real decisions. It names the actor
   * the command claimed, and a start's versions.
   *
   * @param messageKey identifies the message the command came in (its topic, partition and offset,
   *     and a digest of its bytes), so a replay of the job writes the same row and two copies of a
   *     forged command write two
   * @param at when the message was sent, else the command's own time
   */
  public static Decision refusedCommand(
      Command command, RejectReason reason, String message, String messageKey, Instant at) {
    Command.Start start = command instanceof Command.Start s ? s : null;
    return new Decision(
        DecisionIds.refusedCommand(command.dataset(), messageKey),
        0,
        command.dataset(),
        start == null ? null : start.candidateVersion(),
        start == null ? null : start.baselineVersion(),
        DecisionKind.REJECTED,
        Phase.PENDING,
        Phase.PENDING,
        -1,
        0,
        false,
        reason,
        message,
        List.of(),
        command.actor(),
        at);
  }

  private static Decision of(
      DecisionKind kind,
      Reason reason,
      StatusChange change,
      String message,
      List<GateResult> evidence) {
    RolloutStatus after = change.after();
    return new Decision(
        DecisionIds.of(change),
        after.decisionSequence(),
        after.dataset(),
        after.candidateVersion(),
        after.baselineVersion(),
        kind,
        change.before().phase(),
        after.phase(),
        after.stageIndex(),
        after.exposureBasisPoints(),
        change.before().exposureBasisPoints() != after.exposureBasisPoints(),
        reason,
        message,
        evidence,
        change.actor(),
        change.at());
  }
}
