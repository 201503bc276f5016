package io.driftgate.store;

import java.time.Instant;

/**
 * A row of {@code notification_outbox} as the dispatcher reads it.
 *
 * @param attempts HTTP calls made or under way, counting the one a claim announces
 * @param lastError why the last attempt failed, or {@code null}
 */
public record OutboxRow(
    String decisionId,
    String webhook,
    String payload,
    OutboxStatus status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    String lastError) {}
