package io.driftgate.contract;

import java.time.Duration;

/**
 * How stale a record may be when it is observed: a record is stale when its observation time
 * exceeds its event time by more than {@code maxLag}; the stale-rate gate bounds their share.
 */
public record Freshness(Duration maxLag) implements java.io.Serializable {}
