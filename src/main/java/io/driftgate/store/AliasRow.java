package io.driftgate.store;

import java.time.Instant;

/**
 * A row of {@code dataset_alias}.
 *
 * @param reason the reason code of the decision that set the alias, or {@code SEEDED}
 * @param decisionId the decision that set the alias, or {@code null} for a seeded alias
 */
public record AliasRow(
    String dataset,
    String version,
    long generation,
    Instant updatedAt,
    String reason,
    String decisionId) {}
