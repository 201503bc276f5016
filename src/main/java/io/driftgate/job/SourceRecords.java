package io.driftgate.job;

import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.Rejection;

/** Builds {@link SourceRecord}s from a parser's result, for every source of the job. */
final class SourceRecords {

  private SourceRecords() {}

  static SourceRecord of(ParseResult result, byte[] original, String origin, long observedAt) {
    if (result instanceof ObservedRecord record) {
      return new SourceRecord(record, null, original, origin, observedAt);
    }
    return new SourceRecord(null, (Rejection) result, original, origin, observedAt);
  }
}
