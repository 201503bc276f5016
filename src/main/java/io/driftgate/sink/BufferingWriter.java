package io.driftgate.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * Holds what a {@link JdbcSink} receives until the next checkpoint barrier, then hands it over as
 * one {@link PendingWrites} to be written once that checkpoint completes. Nothing touches the
 * database here: a row written before its checkpoint completed would outlive a failover that rolls
 * the decision back. Needs no state of its own, since Flink asks for the batch before every
 * snapshot and at the end of input.
 */
final class BufferingWriter<T> implements CommittingSinkWriter<T, PendingWrites<T>> {

  private final UnaryOperator<T> keep;
  private final LongSupplier clock;
  private List<Received<T>> received = new ArrayList<>();

  /**
   * @param keep what makes an element safe to hold until the barrier: a copy when Flink reuses
   *     objects (the next record may be deserialized into the same instance), else the element
   * @param clock wall-clock milliseconds, {@code System::currentTimeMillis}
   */
  BufferingWriter(UnaryOperator<T> keep, LongSupplier clock) {
    this.keep = keep;
    this.clock = clock;
  }

  @Override
  public void write(T element, Context context) {
    received.add(new Received<>(keep.apply(element), clock.getAsLong()));
  }

  @Override
  public void flush(boolean endOfInput) {}

  @Override
  public Collection<PendingWrites<T>> prepareCommit() {
    if (received.isEmpty()) {
      return List.of();
    }
    PendingWrites<T> batch = new PendingWrites<>(received);
    received = new ArrayList<>();
    return List.of(batch);
  }

  @Override
  public void close() {}
}
