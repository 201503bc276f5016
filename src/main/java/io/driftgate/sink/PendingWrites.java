package io.driftgate.sink;

import java.util.List;

/**
 * The committable of a {@link JdbcSink}: every element one writer received between two checkpoints,
 * in arrival order. One per checkpoint and subtask, rather than one per element, because Flink
 * commits the committables of one checkpoint in no promised order, and the writes must reach the
 * database in the order the job decided them (a rollback after the promotion it undoes);
 * checkpoints themselves are committed in order.
 */
public record PendingWrites<T>(List<Received<T>> elements) {

  public PendingWrites {
    elements = List.copyOf(elements);
  }
}
