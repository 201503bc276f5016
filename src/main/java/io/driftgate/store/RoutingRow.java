package io.driftgate.store;

import io.driftgate.routing.RoutingEntry;
import java.time.Instant;

/**
 * A row of {@code cohort_routing}.
 *
 * @param decisionSequence the sequence of the decision that produced the entry
 */
public record RoutingRow(RoutingEntry entry, long decisionSequence, Instant updatedAt) {}
