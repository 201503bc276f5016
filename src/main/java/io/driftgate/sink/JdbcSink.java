package io.driftgate.sink;

import io.driftgate.job.JdbcEndpoint;
import io.driftgate.job.JobMetrics;
import io.driftgate.store.HeldConnection;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * A sink that writes each element synchronously, in its own transaction, through an idempotent
 * {@link JdbcWrite}, on one connection per writer. Writing before the checkpoint completes is safe
 * because a replay re-applies nothing (the writes are keyed); writing synchronously means a
 * checkpoint never has buffered rows to lose.
 *
 * <p>When the database is unreachable the writer waits and retries ({@link RetryingWriter}): the
 * job backpressures instead of restarting, and the element is written once the database is back.
 * Its checkpoints wait too, and one that expires counts against {@code
 * execution.checkpointing.tolerable-failed-checkpoints} (docs/runbook.md). Any other database error
 * fails the task, and Flink's restart replays from the last checkpoint: the alias table is never
 * silently left behind.
 */
public final class JdbcSink<T> implements Sink<T> {

  private static final long serialVersionUID = 2L;

  private final JdbcEndpoint endpoint;
  private final RetryPolicy retry;
  private final JdbcWrite<T> write;
  private final String latencyGauge;

  public JdbcSink(JdbcEndpoint endpoint, RetryPolicy retry, JdbcWrite<T> write) {
    this(endpoint, retry, write, null);
  }

  /**
   * @param latencyGauge a gauge (in the {@code driftgate} group) of the processing time from an
   *     element reaching the sink to its row being written ({@link WriteLatency}), e.g. how long a
   *     rollback waited for its alias row
   */
  public JdbcSink(
      JdbcEndpoint endpoint, RetryPolicy retry, JdbcWrite<T> write, String latencyGauge) {
    this.endpoint = endpoint;
    this.retry = retry;
    this.write = write;
    this.latencyGauge = latencyGauge;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    HeldConnection connection = new HeldConnection(endpoint.resolve());
    MetricGroup metrics = context.metricGroup().addGroup(JobMetrics.GROUP);
    JdbcWrite.Writer<T> store;
    try {
      store = write.open(connection, metrics);
    } catch (SQLException e) {
      throw new IOException("cannot open JDBC writer for " + endpoint.url(), e);
    }
    RetryingWriter<T> writer =
        new RetryingWriter<>(
            store, connection, retry, metrics.counter(JobMetrics.DATABASE_RETRIES));
    metrics.gauge(
        JobMetrics.DATABASE_UNREACHABLE, (Gauge<Integer>) () -> writer.unreachable() ? 1 : 0);
    WriteLatency latency = new WriteLatency(System::nanoTime);
    if (latencyGauge != null) {
      metrics.gauge(latencyGauge, latency);
    }
    return new Writer<>(writer, latency, endpoint.url());
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final RetryingWriter<T> writer;
    private final WriteLatency latency;
    private final String url;

    Writer(RetryingWriter<T> writer, WriteLatency latency, String url) {
      this.writer = writer;
      this.latency = latency;
      this.url = url;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
      latency.started();
      try {
        writer.write(element);
      } catch (SQLException e) {
        throw new IOException(
            "JDBC write to " + url + " failed (SQLState " + e.getSQLState() + ") for " + element,
            e);
      }
      latency.finished();
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() throws Exception {
      writer.close();
    }
  }
}
