package io.driftgate.job;

import io.driftgate.wire.EventTimes;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.io.Serializable;

/**
 * What the source refuses before a record reaches the hot path. Deciding it here, and not in the
 * profiling operator, matters for time: a refused record is a rejection, so it has no event time
 * ({@link SourceRecordTime}) and neither the watermark generator nor the lateness clocks ({@link
 * PartitionClocks}) ever see it. One record dated 9999-12-31 would otherwise move its partition's
 * watermark to the end of time, close every window and make every later record late.
 *
 * <ul>
 *   <li>A record larger than {@code driftgate.records.max-bytes} is refused unparsed ({@link
 *       RejectReason#TOO_LARGE}): producers, not the job, decide how large records are.
 *   <li>An event time more than {@code driftgate.records.max-future-skew} ahead of the record's
 *       Kafka timestamp is {@link RejectReason#FUTURE}. A record without a Kafka timestamp
 *       (negative, pre-0.10 message format) is not checked: there is nothing to compare with.
 *   <li>An event time within {@link EventTimes#EDGE_MILLIS} of the ends of the epoch-millis range
 *       is {@link RejectReason#BAD_EVENT_TIME}: its window and the watermark behind it could not be
 *       computed without overflow.
 * </ul>
 *
 * @param maxBytes the largest record value parsed, in bytes
 * @param maxFutureSkewMillis how far an event time may be ahead of its Kafka timestamp
 */
public record RecordLimits(int maxBytes, long maxFutureSkewMillis) implements Serializable {

  /** The defaults of {@link DriftgateOptions}. */
  public static final RecordLimits DEFAULTS =
      new RecordLimits(
          (int) DriftgateOptions.RECORDS_MAX_BYTES.defaultValue().getBytes(),
          DriftgateOptions.RECORDS_MAX_FUTURE_SKEW.defaultValue().toMillis());

  public RecordLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("max bytes must be positive: " + maxBytes);
    }
    if (maxFutureSkewMillis < 0) {
      throw new IllegalArgumentException(
          "max future skew must not be negative: " + maxFutureSkewMillis);
    }
  }

  /**
   * {@code value} parsed by {@code parser}, or why it is refused.
   *
   * @param observedAtMillis the record's Kafka timestamp, negative when it has none
   */
  ParseResult parse(RecordParser parser, byte[] value, long observedAtMillis) {
    if (value.length > maxBytes) {
      return new Rejection(
          RejectReason.TOO_LARGE,
          "record is "
              + value.length
              + " bytes, more than driftgate.records.max-bytes ("
              + maxBytes
              + "); not parsed");
    }
    ParseResult result = parser.parse(value);
    return result instanceof ObservedRecord record
        ? checkTime(record, observedAtMillis, "Kafka timestamp")
        : result;
  }

  /**
   * {@code record}, or why its event time is refused: at the ends of the epoch-millis range, or
   * more than the future skew ahead of {@code observedAtMillis}. For every source of records.
   *
   * @param observedAtMillis when the record was observed (a Kafka timestamp, a file's modification
   *     time), negative when unknown
   * @param observedAs what {@code observedAtMillis} is, for the rejection's detail
   */
  public ParseResult checkTime(ObservedRecord record, long observedAtMillis, String observedAs) {
    Rejection problem =
        EventTimes.problem(
            record.eventTimeMillis(),
            observedAtMillis,
            maxFutureSkewMillis,
            "record's " + observedAs);
    return problem == null ? record : problem;
  }
}
