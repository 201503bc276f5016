package io.driftgate.rollout;

import java.time.Instant;

/**
 * The status before and after an input, what caused the change and at what event time: the part
 * every decision shares, whatever its kind.
 *
 * @param after already numbered with the decision's sequence
 * @param commandId the command that caused the change, {@code null} for decisions on evaluations:
 *     the identity of a decision that belongs to no rollout ({@link DecisionIds})
 */
record StatusChange(
    RolloutStatus before, RolloutStatus after, String commandId, String actor, Instant at) {}
