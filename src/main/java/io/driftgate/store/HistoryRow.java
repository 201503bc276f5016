package io.driftgate.store;

import io.driftgate.rollout.DecisionKind;
import java.time.Instant;

/**
 * A row of {@code alias_history}.
 *
 * @param fromVersion the alias before the decision, {@code null} if the decision created it
 * @param toVersion the version the decision set, or wanted to set on a conflict
 * @param generation the alias generation after the decision (unchanged on a conflict)
 * @param outcome {@link ApplyOutcome#APPLIED} or {@link ApplyOutcome#CONFLICT}
 * @param foundVersion on a conflict, the version the alias held instead; else {@code null}
 */
public record HistoryRow(
    String dataset,
    String fromVersion,
    String toVersion,
    long generation,
    String decisionId,
    DecisionKind kind,
    String reason,
    String message,
    String actor,
    Instant decidedAt,
    Instant appliedAt,
    ApplyOutcome outcome,
    String foundVersion) {}
