package io.driftgate.notify;

import io.driftgate.rollout.Decision;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.OutboxMessage;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The job's webhooks and how their notifications are delivered.
 *
 * @param runbookUrl where {@code docs/runbook.md} is for the people reading a notification; each
 *     payload links a section of it
 * @param retry the wait after a failed attempt ({@code initialBackoff}, doubled up to {@code
 *     maxBackoff}) and, as {@code maxDuration}, how long after a row was created it is given up
 * @param httpTimeout bounds connecting to a webhook and the whole exchange
 * @param pollInterval how often the dispatcher looks for due rows
 */
public record NotificationSettings(
    List<Webhook> webhooks,
    String runbookUrl,
    RetryPolicy retry,
    Duration httpTimeout,
    Duration pollInterval)
    implements Serializable {

  public NotificationSettings {
    webhooks = List.copyOf(webhooks);
    Objects.requireNonNull(runbookUrl, "runbookUrl");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(httpTimeout, "httpTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** Whether any webhook is configured; without one the job neither enqueues nor dispatches. */
  public boolean enabled() {
    return !webhooks.isEmpty();
  }

  /** The outbox rows of a decision: one per webhook that wants its kind. */
  public List<OutboxMessage> messagesFor(Decision decision) {
    return webhooks.stream()
        .filter(webhook -> webhook.wants(decision.kind()))
        .map(
            webhook ->
                new OutboxMessage(
                    decision.decisionId().toString(),
                    webhook.name(),
                    decision.dataset(),
                    decision.kind().name(),
                    webhook.render(decision, runbookUrl)))
        .toList();
  }
}
