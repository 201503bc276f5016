package io.driftgate.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * Writes the elements of completed checkpoints, in order, through a {@link RetryingWriter}: an
 * unreachable database is waited for inside {@link #commit}, on the task's thread, so the job
 * backpressures instead of failing. Re-writing is safe because every {@link JdbcWrite} is
 * idempotent: after a failover Flink commits the last completed checkpoint's batches again, some of
 * whose rows may already be there.
 *
 * <p>Flink's own answers do not fit: {@link CommitRequest#retryLater()} calls again at once, at
 * most {@code sink.committer.retries} (10) times, then fails the task — a restart loop, not a wait;
 * {@link CommitRequest#signalFailedWithKnownReason} drops the batch, and a decision must never be
 * dropped. Any error that waiting does not cure (or the retry policy's max duration, once spent)
 * fails the task through {@link CommitRequest#signalFailedWithUnknownReason}; the restart commits
 * the batch again from the checkpoint, so the tables are never silently left behind.
 */
final class JdbcCommitter<T> implements Committer<PendingWrites<T>> {

  private final RetryingWriter<T> writer;
  private final WriteLatency latency;
  private final String url;

  JdbcCommitter(RetryingWriter<T> writer, WriteLatency latency, String url) {
    this.writer = writer;
    this.latency = latency;
    this.url = url;
  }

  @Override
  public void commit(Collection<CommitRequest<PendingWrites<T>>> requests)
      throws IOException, InterruptedException {
    for (CommitRequest<PendingWrites<T>> request : requests) {
      for (Received<T> received : request.getCommittable().elements()) {
        latency.writing(received.atMillis());
        try {
          writer.write(received.element());
        } catch (InterruptedException e) {
          // The task is being cancelled. Flink notifies every committer of the chain even when one
          // throws, and each would wait out the database until interrupted again (every
          // task.cancellation.interval, 30 s): keep the flag set so that they stop at once.
          Thread.currentThread().interrupt();
          throw e;
        } catch (SQLException e) {
          IOException failure =
              new IOException(
                  "JDBC write to "
                      + url
                      + " failed (SQLState "
                      + e.getSQLState()
                      + ") for "
                      + received.element(),
                  e);
          request.signalFailedWithUnknownReason(failure);
          // Flink's signal throws; should it not, the batches after this one must not count as
          // committed.
          throw failure;
        }
        latency.written();
      }
    }
  }

  @Override
  public void close() throws Exception {
    writer.close();
  }
}
