package io.driftgate.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;

/** Names what a producer sent instead of what was expected, for rejection details. */
public final class JsonTokens {

  private static final int MAX_QUOTED = 64;

  private JsonTokens() {}

  public static String describe(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_STRING -> "string " + quoted(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> "boolean " + parser.getText();
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /** Why bytes that Jackson could not read are {@link RejectReason#MALFORMED_JSON}, and where. */
  public static Rejection malformed(IOException e) {
    return new Rejection(
        RejectReason.MALFORMED_JSON,
        e instanceof StreamReadException read
            ? "not JSON at byte "
                + read.getLocation().getByteOffset()
                + ": "
                + read.getOriginalMessage()
            : "unreadable: " + e.getMessage());
  }

  /** The text in double quotes, cut to a readable length. */
  public static String quoted(String text) {
    return text.length() <= MAX_QUOTED
        ? "\"" + text + "\""
        : "\"" + text.substring(0, MAX_QUOTED) + "...\"";
  }
}
