package io.driftgate.job;

import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.Rejection;

/** Builds {@link SourceRecord}s from a parser's result, for every source of the job. */
final class SourceRecords {

  private SourceRecords() {}

  /** A record read from {@code topic-partition@offset}; the origin string is built lazily. */
  static SourceRecord of(
      ParseResult result,
      byte[] original,
      String topic,
      int partition,
      long offset,
      long observedAt) {
    if (result instanceof ObservedRecord record) {
      return new SourceRecord(record, null, original, topic, partition, offset, observedAt);
    }
    return new SourceRecord(
        null, (Rejection) result, original, topic, partition, offset, observedAt);
  }
}
