package io.driftgate.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The lateness rule: a record is late when its event time is more than the out-of-orderness bound
 * behind the newest event time read before it from the same source partition. A partition's order
 * is the same in every run, and the newest times are checkpointed with the open windows, so a
 * failover, a replay or another parallelism dead-letters exactly the same records. The watermark
 * could not decide this: it is emitted periodically in processing time, as the minimum over
 * partitions read side by side, so which records fall behind it depends on timing.
 *
 * <p>A record the rule accepts is ahead of every watermark its partition has emitted (a partition's
 * watermark is its newest time less the bound, see {@link EventTimeWatermarks}), so its window is
 * still open — unless its partition was idle while the others moved event time on, the one case
 * where timing still decides ({@code driftgate.watermark.idleness}, docs/architecture.md).
 *
 * <p>The times seen are those of every parsed record, the same the watermark generator sees.
 */
final class PartitionClocks {

  /** The partition of records that come from a source without partitions (demo, test inputs). */
  static final int UNPARTITIONED = -1;

  private final long bound;

  /** Newest event time by partition; index 0 is {@link #UNPARTITIONED}, partition p at p + 1. */
  private long[] newest = new long[0];

  PartitionClocks(long boundMillis) {
    if (boundMillis < 0) {
      throw new IllegalArgumentException("out-of-orderness must not be negative: " + boundMillis);
    }
    this.bound = boundMillis;
  }

  /**
   * Reads one record's event time from {@code partition} and says whether it is late.
   *
   * @param partition the source partition, or any negative number for {@link #UNPARTITIONED}
   */
  boolean late(int partition, long eventTime) {
    int index = index(partition);
    long seen = newest[index];
    boolean late = seen != Long.MIN_VALUE && eventTime < lateBefore(seen);
    if (eventTime > seen) {
      newest[index] = eventTime;
    }
    return late;
  }

  /** The newest event time read from {@code partition}, {@code Long.MIN_VALUE} before any. */
  long newest(int partition) {
    int index = Math.max(partition, UNPARTITIONED) + 1;
    return index < newest.length ? newest[index] : Long.MIN_VALUE;
  }

  /** Event times before this are late once {@code seen} was read; saturates instead of wrapping. */
  private long lateBefore(long seen) {
    return seen < Long.MIN_VALUE + bound ? Long.MIN_VALUE : seen - bound;
  }

  private int index(int partition) {
    int index = Math.max(partition, UNPARTITIONED) + 1;
    if (index >= newest.length) {
      int size = newest.length;
      newest = Arrays.copyOf(newest, Math.max(index + 1, size * 2));
      Arrays.fill(newest, size, newest.length, Long.MIN_VALUE);
    }
    return index;
  }

  /** (partition, newest event time) of every partition read, for operator state. */
  List<Tuple2<Integer, Long>> snapshot() {
    List<Tuple2<Integer, Long>> entries = new ArrayList<>();
    for (int i = 0; i < newest.length; i++) {
      if (newest[i] != Long.MIN_VALUE) {
        entries.add(Tuple2.of(i - 1, newest[i]));
      }
    }
    return entries;
  }

  /**
   * Adds restored entries. After a rescale every subtask restores every partition's entry (union
   * state) and uses those of the partitions it is assigned; the newest wins if one repeats.
   */
  void restore(Iterable<Tuple2<Integer, Long>> entries) {
    for (Tuple2<Integer, Long> entry : entries) {
      int index = index(entry.f0);
      newest[index] = Math.max(newest[index], entry.f1);
    }
  }
}
