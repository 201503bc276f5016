package io.driftgate.wire;

import static io.driftgate.wire.JsonTokens.describe;
import static io.driftgate.wire.JsonTokens.quoted;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads an {@code event_time} member, an ISO-8601 string or epoch millis, the same way for every
 * input that has one (records, outcomes).
 */
public final class EventTimeJson {

  private EventTimeJson() {}

  /**
   * @return the epoch millis of the current {@code token}, or {@link IsoInstant#INVALID} when it is
   *     not an event time; then {@link #problem} says why
   */
  public static long read(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? IsoInstant.INVALID
          : parser.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      return IsoInstant.parseMillis(
          parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }
    return IsoInstant.INVALID;
  }

  /** Why the current {@code token} is not an event time; skips it when it is an object or array. */
  public static String problem(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return "event_time " + parser.getText() + " is beyond epoch millis range";
      }
      // the one long that is INVALID itself, Long.MIN_VALUE: out of range like its neighbours
      return EventTimes.problem(parser.getLongValue(), -1, 0, "").detail();
    }
    if (token == JsonToken.VALUE_STRING) {
      return "event_time " + quoted(parser.getText()) + " is neither ISO-8601 nor epoch millis";
    }
    String problem =
        "event_time must be an ISO-8601 string or epoch millis, got " + describe(parser, token);
    parser.skipChildren();
    return problem;
  }
}
