package io.driftgate.rollout;

import java.time.Instant;

/**
 * The status before and after an input, who caused the change and at what event time: the part
 * every decision shares, whatever its kind.
 *
 * @param after already numbered with the decision's sequence
 */
record StatusChange(RolloutStatus before, RolloutStatus after, String actor, Instant at) {}
