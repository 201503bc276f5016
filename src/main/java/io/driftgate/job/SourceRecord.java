package io.driftgate.job;

import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.Rejection;
import java.io.Serializable;

/**
 * One record as the source read it: parsed, or rejected with the reason, always with the original
 * bytes and where they came from so that a rejection can be dead-lettered as it arrived.
 *
 * @param record the parsed record, {@code null} when rejected
 * @param rejection why the record could not be parsed, {@code null} when parsed
 * @param origin where the bytes came from, e.g. {@code topic-3@1042}
 * @param observedAtMillis when the record was observed (its Kafka timestamp): input, not clock
 */
public record SourceRecord(
    ObservedRecord record,
    Rejection rejection,
    byte[] original,
    String origin,
    long observedAtMillis)
    implements Serializable {

  public boolean parsed() {
    return record != null;
  }
}
