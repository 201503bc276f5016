package io.driftgate.sink;

import io.driftgate.job.JdbcEndpoint;
import io.driftgate.job.JobMetrics;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A sink that writes each element synchronously, in its own transaction, through an idempotent
 * {@link JdbcWrite}. Writing before the checkpoint completes is safe because a replay re-applies
 * nothing (the writes are keyed); writing synchronously means a checkpoint never has buffered rows
 * to lose. A database error fails the task, and Flink's restart replays from the last checkpoint:
 * the alias table is never silently left behind.
 */
public final class JdbcSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final JdbcEndpoint endpoint;
  private final JdbcWrite<T> write;
  private final String lagGauge;
  private final SerializableFunction<T, Long> eventTime;

  public JdbcSink(JdbcEndpoint endpoint, JdbcWrite<T> write) {
    this(endpoint, write, null, null);
  }

  /**
   * @param lagGauge a gauge (in the {@code driftgate} group) of how long after its event time the
   *     last element was written, e.g. the time from a breach to its alias row
   */
  public JdbcSink(
      JdbcEndpoint endpoint,
      JdbcWrite<T> write,
      String lagGauge,
      SerializableFunction<T, Long> eventTime) {
    this.endpoint = endpoint;
    this.write = write;
    this.lagGauge = lagGauge;
    this.eventTime = eventTime;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Writer<T> writer;
    try {
      writer = new Writer<>(write.open(endpoint.resolve()), eventTime);
    } catch (SQLException e) {
      throw new IOException("cannot open JDBC writer for " + endpoint.url(), e);
    }
    if (lagGauge != null) {
      context
          .metricGroup()
          .addGroup(JobMetrics.GROUP)
          .gauge(lagGauge, (Gauge<Long>) () -> writer.lastLagMillis);
    }
    return writer;
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final JdbcWrite.Writer<T> writer;
    private final SerializableFunction<T, Long> eventTime;
    private volatile long lastLagMillis;

    Writer(JdbcWrite.Writer<T> writer, SerializableFunction<T, Long> eventTime) {
      this.writer = writer;
      this.eventTime = eventTime;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      try {
        writer.write(element);
      } catch (SQLException e) {
        throw new IOException("JDBC write failed for " + element, e);
      }
      if (eventTime != null) {
        lastLagMillis = System.currentTimeMillis() - eventTime.apply(element);
      }
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() throws Exception {
      writer.close();
    }
  }
}
