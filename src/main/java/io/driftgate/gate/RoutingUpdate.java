package io.driftgate.gate;

import io.driftgate.routing.RoutingEntry;
import java.io.Serializable;
import java.time.Instant;

/**
 * A new row of the routing table. The sequence is the decision sequence that caused it, so a sink
 * can refuse to move a row backwards when an older update is replayed after a newer one.
 */
public record RoutingUpdate(RoutingEntry entry, long decisionSequence, Instant at)
    implements Serializable {}
