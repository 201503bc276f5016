package io.driftgate.sink;

import io.driftgate.job.DriftgateOptions;
import io.driftgate.store.HeldConnection;
import io.driftgate.store.TransientSqlErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each element on one held connection and, when the database is unreachable, waits and
 * writes it again on a new connection until it succeeds ({@link RetryPolicy}). Re-sending is safe
 * because every {@link JdbcWrite} is idempotent: {@code DecisionStore} skips a decision whose
 * {@code rollout_event} and {@code alias_history} rows exist for it (and reports a refusal again,
 * without a second row), {@code DriftResultStore} a gate result whose key exists, and {@code
 * RoutingStore} rewrites the same row for the same decision sequence — so a commit that reached the
 * database just before the connection broke is applied once.
 *
 * <p>The wait happens on the task's thread, so the job backpressures; it sleeps interruptibly, and
 * every database call is bounded by the connection's timeouts, so cancelling the task ends it.
 */
final class RetryingWriter<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingWriter.class);

  private final JdbcWrite.Writer<T> writer;
  private final HeldConnection connection;
  private final RetryPolicy policy;
  private final Counter retries;
  private volatile boolean unreachable;

  /**
   * @param writer applies one element, on {@code connection}
   * @param retries counts every attempt after the first
   */
  RetryingWriter(
      JdbcWrite.Writer<T> writer, HeldConnection connection, RetryPolicy policy, Counter retries) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.connection = Objects.requireNonNull(connection, "connection");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.retries = Objects.requireNonNull(retries, "retries");
  }

  /**
   * Writes {@code element}, retrying transient failures.
   *
   * @throws SQLException a non-transient failure as it is; once the policy's max duration is spent,
   *     one that names the option and wraps the last transient failure
   * @throws InterruptedException when the task is cancelled during a wait
   */
  void write(T element) throws SQLException, InterruptedException {
    long firstFailure = 0;
    for (int retry = 1; ; retry++) {
      try {
        writer.write(element);
        unreachable = false;
        return;
      } catch (SQLException e) {
        if (!TransientSqlErrors.isTransient(e)) {
          throw e;
        }
        connection.discard();
        long now = System.nanoTime();
        if (retry == 1) {
          firstFailure = now;
        }
        Duration retrying = Duration.ofNanos(now - firstFailure);
        if (!policy.allowsRetryAfter(retrying)) {
          throw new SQLException(
              "the database stayed unreachable for "
                  + retrying
                  + ", longer than "
                  + DriftgateOptions.JDBC_RETRY_MAX_DURATION.key()
                  + " = "
                  + policy.maxDuration(),
              e.getSQLState(),
              e);
        }
        unreachable = true;
        Duration backoff = policy.backoff(retry);
        LOG.warn(
            "database unreachable (SQLState {}: {}); retry {} in {}",
            e.getSQLState(),
            e.getMessage(),
            retry,
            backoff);
        Thread.sleep(backoff.toMillis());
        retries.inc();
      }
    }
  }

  /** Whether the last write failed transiently and has not succeeded since. */
  boolean unreachable() {
    return unreachable;
  }

  @Override
  public void close() throws Exception {
    try (HeldConnection held = connection) {
      writer.close();
    }
  }
}
