package io.driftgate.sink;

import io.driftgate.job.JdbcEndpoint;
import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

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

  public JdbcSink(JdbcEndpoint endpoint, JdbcWrite<T> write) {
    this.endpoint = endpoint;
    this.write = write;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    try {
      return new Writer<>(write.open(endpoint.resolve()));
    } catch (SQLException e) {
      throw new IOException("cannot open JDBC writer for " + endpoint.url(), e);
    }
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final JdbcWrite.Writer<T> writer;

    Writer(JdbcWrite.Writer<T> writer) {
      this.writer = writer;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      try {
        writer.write(element);
      } catch (SQLException e) {
        throw new IOException("JDBC write failed for " + element, e);
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
