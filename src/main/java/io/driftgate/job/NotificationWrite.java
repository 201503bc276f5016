package io.driftgate.job;

import io.driftgate.notify.DispatchMetrics;
import io.driftgate.notify.JdkHttpSender;
import io.driftgate.notify.NotificationSettings;
import io.driftgate.notify.WebhookDispatcher;
import io.driftgate.rollout.Decision;
import io.driftgate.sink.JdbcSink;
import io.driftgate.sink.JdbcWrite;
import io.driftgate.store.ConnectionSource;
import io.driftgate.store.HeldConnection;
import io.driftgate.store.NotificationOutbox;
import io.driftgate.store.OutboxMessage;
import java.time.Clock;
import java.util.Objects;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The outbox side of decision notifications, written by a {@link JdbcSink} like the audit log: for
 * a completed checkpoint's decisions, one {@code notification_outbox} row per webhook that wants
 * the decision's kind, never twice. The same committer owns the {@link WebhookDispatcher}, started
 * when the committer opens and closed with it, on a connection of its own: the sink runs at
 * parallelism 1, so a job has exactly one dispatcher, and a restarted task's dispatcher starts only
 * after the failed one was closed.
 *
 * <p>Metrics in the committer's {@code driftgate} group: {@value #DELIVERED}, {@value #RETRIED},
 * {@value #GAVE_UP}, {@value #UNKNOWN} (counters) and {@value #BACKLOG} (rows pending or being
 * sent).
 */
final class NotificationWrite implements JdbcWrite<Decision> {

  private static final long serialVersionUID = 1L;

  static final String DELIVERED = "notifications_delivered";
  static final String RETRIED = "notifications_retried";
  static final String GAVE_UP = "notifications_gave_up";
  static final String UNKNOWN = "notifications_unknown";
  static final String BACKLOG = "notifications_backlog";

  private final NotificationSettings settings;
  private final JdbcEndpoint endpoint;

  NotificationWrite(NotificationSettings settings, JdbcEndpoint endpoint) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  public Writer<Decision> open(ConnectionSource connections, MetricGroup metrics) {
    NotificationOutbox outbox = new NotificationOutbox(connections);
    Clock clock = Clock.systemUTC();
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(
            new HeldConnection(endpoint.resolve()),
            settings,
            new JdkHttpSender(settings.httpTimeout()),
            clock,
            counters(metrics));
    metrics.gauge(BACKLOG, (Gauge<Long>) dispatcher::backlog);
    dispatcher.start();
    return new Writer<>() {
      @Override
      public void write(Decision decision) throws java.sql.SQLException {
        for (OutboxMessage message : settings.messagesFor(decision)) {
          outbox.enqueue(message, clock.instant());
        }
      }

      @Override
      public void close() {
        try {
          dispatcher.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static DispatchMetrics counters(MetricGroup metrics) {
    Counter delivered = metrics.counter(DELIVERED);
    Counter retried = metrics.counter(RETRIED);
    Counter gaveUp = metrics.counter(GAVE_UP);
    Counter unknown = metrics.counter(UNKNOWN);
    return new DispatchMetrics() {
      @Override
      public void delivered() {
        delivered.inc();
      }

      @Override
      public void retried() {
        retried.inc();
      }

      @Override
      public void gaveUp() {
        gaveUp.inc();
      }

      @Override
      public void unknown() {
        unknown.inc();
      }
    };
  }
}
