package io.driftgate.notify;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.RejectReason;
import io.driftgate.rollout.RollbackReason;
import java.util.Set;

/**
 * What a person receiving a decision should do about it, and the runbook section that says more:
 * chosen by the decision's kind and reason, so a notification never leaves its reader wondering
 * whether to act.
 *
 * @param text one or two sentences, with the command to run where there is one
 * @param anchor the runbook section, as its heading's anchor (without {@code #})
 */
public record NextStep(String text, String anchor) {

  /** The refusals of the control-topic guard (signatures, freshness, the control policy). */
  private static final Set<RejectReason> GUARD_REFUSALS =
      Set.of(
          RejectReason.UNSIGNED,
          RejectReason.UNKNOWN_KEY,
          RejectReason.BAD_SIGNATURE,
          RejectReason.WRONG_ACTOR,
          RejectReason.STALE,
          RejectReason.REPLAYED,
          RejectReason.NOT_ALLOWED);

  private static final String STANDING = "see-where-things-stand";

  public static NextStep of(Decision decision) {
    String dataset = decision.dataset();
    return switch (decision.kind()) {
      case ROLLED_BACK ->
          decision.reason() == RollbackReason.MANUAL
              ? new NextStep(
                  "Rolled back by hand: consumers read the baseline again. Publish a fixed version"
                      + " and start a new rollout when ready.",
                  "abort-or-roll-back-by-hand")
              : new NextStep(
                  "Consumers read the baseline again. Read the decisive evidence (driftgate status"
                      + " --dataset "
                      + dataset
                      + "), fix the producer and publish a new version.",
                  "read-a-rollbacks-evidence");
      case PROMOTED ->
          new NextStep("Nothing to do: every consumer reads the candidate now.", STANDING);
      case AWAITING_APPROVAL ->
          new NextStep(
              "Review the evidence, then approve with driftgate rollout approve "
                  + dataset
                  + " --stage "
                  + (decision.stageIndex() + 1)
                  + ", or abort the rollout.",
              "approve-a-stage");
      case HELD -> held(decision);
      case REJECTED ->
          decision.reason() instanceof RejectReason reason && GUARD_REFUSALS.contains(reason)
              ? new NextStep(
                  "A control command was refused before it reached the rollout: find out who sent"
                      + " it. Nothing changed.",
                  "refused-commands")
              : new NextStep(
                  "The command was refused and changed nothing: read the reason, correct the"
                      + " command and send it again.",
                  STANDING);
      case ABORTED ->
          new NextStep(
              "Consumers read the baseline again and the candidate is abandoned.",
              "abort-or-roll-back-by-hand");
      case PAUSED ->
          new NextStep(
              "The exposure is frozen; resume with driftgate rollout resume " + dataset + ".",
              "pause-and-resume");
      default -> new NextStep("Nothing to do: the rollout proceeds.", STANDING);
    };
  }

  private static NextStep held(Decision decision) {
    if (decision.reason() instanceof HoldReason reason) {
      switch (reason) {
        case DEADLINE_PASSED -> {
          return new NextStep(
              "The stage is past its deadline: act on the hold the message names (approve,"
                  + " roll back or abort).",
              "a-stage-is-overdue");
        }
        case EVIDENCE_RESTARTED -> {
          return new NextStep(
              "The contract changed under the rollout: the stage gathers its evidence again.",
              "evidence-restarted-after-an-upgrade");
        }
        case RECOVERED_WITHOUT_STATE, NOT_RESUMABLE -> {
          return new NextStep(
              "The job restarted without its state: check how the rollout was carried on.",
              "after-a-restart-without-a-savepoint");
        }
        default -> {}
      }
    }
    return new NextStep(
        "The rollout holds at its exposure until the gates have the evidence they need; act only"
            + " if it keeps holding.",
        STANDING);
  }

  /** The runbook section's address under {@code runbookUrl} (docs/runbook.md by default). */
  public String link(String runbookUrl) {
    return runbookUrl + "#" + anchor;
  }
}
