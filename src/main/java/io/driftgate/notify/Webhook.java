package io.driftgate.notify;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.source.VersionSource.Secret;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * One configured webhook: where decisions are posted, in which body format, signed with which
 * shared secret, and which kinds of decision it wants. The secret is a reference (an environment
 * variable or a file), read by the dispatcher on the TaskManager, so it is never in the job's
 * configuration or graph.
 *
 * @param name the outbox's name for it, unique among the job's webhooks
 * @param kinds the decision kinds it receives; every kind unless {@code kinds=} narrows them
 */
public record Webhook(String name, URI uri, Format format, Secret secret, Set<DecisionKind> kinds)
    implements Serializable {

  /** The body a webhook receives. */
  public enum Format {
    /** The generic JSON object of {@link NotificationPayload}. */
    JSON,
    /** A Slack incoming-webhook message, {@link SlackPayload}. */
    SLACK
  }

  public Webhook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(secret, "secret");
    if (secret.from() == Secret.From.VALUE) {
      throw new IllegalArgumentException(
          "webhook " + name + ": a secret is read from the environment or a file, never inline");
    }
    kinds = Set.copyOf(kinds);
  }

  /** Whether decisions of this kind are posted to it. */
  public boolean wants(DecisionKind kind) {
    return kinds.contains(kind);
  }

  /** The body this webhook receives for a decision, in its format. */
  public String render(Decision decision, String runbookUrl) {
    return switch (format) {
      case JSON -> NotificationPayload.json(decision, runbookUrl);
      case SLACK -> SlackPayload.json(decision, runbookUrl);
    };
  }
}
