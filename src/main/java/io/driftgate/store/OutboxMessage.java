package io.driftgate.store;

import java.util.Objects;

/**
 * A notification to put in the outbox: one decision for one webhook, its body already rendered in
 * that webhook's format, so that what is signed and posted is what the row holds.
 *
 * @param decisionId the decision's id, with {@code webhook} the row's key and the receivers'
 *     idempotency key
 * @param kind the decision's kind, by name, for operators reading the table
 */
public record OutboxMessage(
    String decisionId, String webhook, String dataset, String kind, String payload) {

  public OutboxMessage {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
  }
}
