package io.driftgate.store;

import io.driftgate.rollout.DecisionKind;
import java.time.Instant;

/**
 * A row of {@code alias_history}.
 *
 * @param fromVersion the alias before the decision, {@code null} if the decision created it
 * @param toVersion the version the decision set, or wanted to set on a conflict
 * @param withdrawnVersion for a rollback, the candidate it withdrew; {@code null} for a promotion
 * @param generation the alias generation after the decision (unchanged on a conflict)
 * @param outcome {@link ApplyOutcome#APPLIED} or {@link ApplyOutcome#CONFLICT}
 * @param foundVersion on a conflict, the version the alias held instead; else {@code null}
 */
public record HistoryRow(
    String dataset,
    String fromVersion,
    String toVersion,
    String withdrawnVersion,
    long generation,
    String decisionId,
    DecisionKind kind,
    String reason,
    String message,
    String actor,
    Instant decidedAt,
    Instant appliedAt,
    ApplyOutcome outcome,
    String foundVersion) {

  /**
   * The version consumers were moved off: the withdrawn candidate for a rollback, else the alias
   * before the decision ({@code null} if the decision created it). With {@link #toVersion} it reads
   * as people say it, {@code ROLLED_BACK v3 -> v2} and {@code PROMOTED v2 -> v3}.
   */
  public String movedFrom() {
    return withdrawnVersion != null ? withdrawnVersion : fromVersion;
  }
}
