package io.driftgate.job;

import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.Rejection;
import java.io.Serializable;

/**
 * One record as the source read it: parsed, or rejected with the reason, always with the original
 * bytes and where they came from so that a rejection can be dead-lettered as it arrived. Where it
 * came from is kept as topic, partition and offset, and spelled out as a string only for a dead
 * letter ({@link #origin()}), so a conforming record costs no string.
 *
 * <p>A parsed record's row is its parser's, refilled by the next record: the source emits a record
 * to the chained profiling operator (object reuse is on), which must not keep it past {@code
 * processElement}.
 *
 * @param record the parsed record, {@code null} when rejected
 * @param rejection why the record could not be parsed, {@code null} when parsed
 * @param originSource the topic the bytes came from, or the whole origin when {@code
 *     originPartition} is negative
 * @param originPartition the topic's partition, or -1 when {@code originSource} is the origin
 * @param originOffset the offset in the partition
 * @param observedAtMillis when the record was observed (its Kafka timestamp): input, not clock
 */
public record SourceRecord(
    ObservedRecord record,
    Rejection rejection,
    byte[] original,
    String originSource,
    int originPartition,
    long originOffset,
    long observedAtMillis)
    implements Serializable {

  /**
   * @param origin where the bytes came from, e.g. {@code demo-generator@42}
   */
  public SourceRecord(
      ObservedRecord record,
      Rejection rejection,
      byte[] original,
      String origin,
      long observedAtMillis) {
    this(record, rejection, original, origin, -1, -1L, observedAtMillis);
  }

  public boolean parsed() {
    return record != null;
  }

  /** Where the bytes came from, e.g. {@code topic-3@1042}: built per call, for dead letters. */
  public String origin() {
    return originPartition < 0
        ? originSource
        : DeadLetter.origin(originSource, originPartition, originOffset);
  }
}
