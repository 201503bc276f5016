package io.driftgate.sink;

import io.driftgate.job.JdbcEndpoint;
import io.driftgate.job.JobMetrics;
import io.driftgate.store.HeldConnection;
import java.io.IOException;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * A sink whose rows become visible only for completed checkpoints: the writer holds the elements
 * received since the last checkpoint ({@link BufferingWriter}), and once that checkpoint completes
 * the committer writes them in order, each in its own transaction, through an idempotent {@link
 * JdbcWrite} on one connection per subtask ({@link JdbcCommitter}). A failover therefore never
 * leaves rows of decisions that the replay may make differently. A bounded job's last elements are
 * written at its final checkpoint, or at the end of input when checkpointing is off.
 *
 * <p>When the database is unreachable the committer waits and retries ({@link RetryingWriter}): the
 * job backpressures instead of restarting, and the rows are written once the database is back.
 * Checkpoints wait too, and one that expires counts against {@code
 * execution.checkpointing.tolerable-failed-checkpoints} (docs/runbook.md). Any other database error
 * fails the task, and Flink's restart commits the last checkpoint's elements again.
 */
public final class JdbcSink<T> implements Sink<T>, SupportsCommitter<PendingWrites<T>> {

  private static final long serialVersionUID = 3L;

  private final TypeInformation<T> type;
  private final JdbcEndpoint endpoint;
  private final RetryPolicy retry;
  private final JdbcWrite<T> write;
  private final String latencyGauge;

  /**
   * @param type the elements' type, whose Flink serializer stores them in checkpoints until their
   *     rows are written; the type of the stream the sink is attached to
   */
  public JdbcSink(
      TypeInformation<T> type, JdbcEndpoint endpoint, RetryPolicy retry, JdbcWrite<T> write) {
    this(type, endpoint, retry, write, null);
  }

  /**
   * @param latencyGauge a gauge (in the {@code driftgate} group) of the processing time from an
   *     element reaching the sink to its row being written, the wait for the checkpoint included
   *     ({@link WriteLatency}), e.g. how long a rollback waited for its alias row
   */
  public JdbcSink(
      TypeInformation<T> type,
      JdbcEndpoint endpoint,
      RetryPolicy retry,
      JdbcWrite<T> write,
      String latencyGauge) {
    this.type = type;
    this.endpoint = endpoint;
    this.retry = retry;
    this.write = write;
    this.latencyGauge = latencyGauge;
  }

  @Override
  public CommittingSinkWriter<T, PendingWrites<T>> createWriter(WriterInitContext context) {
    TypeSerializer<T> serializer = serializer();
    UnaryOperator<T> keep = context.isObjectReuseEnabled() ? serializer::copy : element -> element;
    return new BufferingWriter<>(keep, System::currentTimeMillis);
  }

  @Override
  public Committer<PendingWrites<T>> createCommitter(CommitterInitContext context)
      throws IOException {
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
    WriteLatency latency = new WriteLatency(System::currentTimeMillis);
    if (latencyGauge != null) {
      metrics.gauge(latencyGauge, latency);
    }
    return new JdbcCommitter<>(writer, latency, endpoint.url());
  }

  @Override
  public SimpleVersionedSerializer<PendingWrites<T>> getCommittableSerializer() {
    return new PendingWritesSerializer<>(serializer());
  }

  /**
   * The elements' serializer under a default configuration: the sink's types carry their own
   * serializers and need no Kryo registration from the job's.
   */
  private TypeSerializer<T> serializer() {
    return type.createSerializer(new SerializerConfigImpl());
  }
}
