package io.driftgate.job;

import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.io.Serializable;

/**
 * What the source refuses before a record reaches the hot path. A record larger than {@code
 * driftgate.records.max-bytes} is dead-lettered unparsed: one multi-megabyte value would otherwise
 * be parsed, held in a row and profiled, and a topic's producers, not the job, decide how large
 * records are.
 *
 * @param maxBytes the largest record value parsed, in bytes
 */
record RecordLimits(int maxBytes) implements Serializable {

  /** The defaults of {@link DriftgateOptions}. */
  static final RecordLimits DEFAULTS =
      new RecordLimits((int) DriftgateOptions.RECORDS_MAX_BYTES.defaultValue().getBytes());

  RecordLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("max bytes must be positive: " + maxBytes);
    }
  }

  /** {@code value} parsed by {@code parser}, or why it is not even parsed. */
  ParseResult parse(RecordParser parser, byte[] value) {
    if (value.length > maxBytes) {
      return new Rejection(
          RejectReason.TOO_LARGE,
          "record is "
              + value.length
              + " bytes, more than driftgate.records.max-bytes ("
              + maxBytes
              + "); not parsed");
    }
    return parser.parse(value);
  }
}
