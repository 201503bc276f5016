package io.driftgate.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed access to a control message's members that records problems instead of throwing, so one
 * rejection lists everything an operator got wrong.
 */
final class ControlFields {

  private final JsonNode message;
  private final List<String> problems = new ArrayList<>();

  ControlFields(JsonNode message) {
    this.message = message;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String problem) {
    problems.add(problem);
  }

  /**
   * A required, non-blank string member; {@code null} (recorded) when absent or of another type.
   */
  String text(String key) {
    JsonNode node = message.get(key);
    if (node == null || node.isNull()) {
      problems.add("missing \"" + key + "\"");
      return null;
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      problems.add("\"" + key + "\" must be a non-empty string, got " + describe(node));
      return null;
    }
    return node.textValue();
  }

  /** A string member without recording anything, for naming a rejected command. */
  String peek(String key) {
    JsonNode node = message.get(key);
    return node != null && node.isTextual() && !node.textValue().isBlank()
        ? node.textValue()
        : null;
  }

  Instant instant(String key) {
    String text = text(key);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(
          "\"" + key + "\" \"" + text + "\" is not an ISO-8601 instant, e.g. 2026-11-24T10:00:00Z");
      return null;
    }
  }

  /** A required integer {@code >= 0} that fits an {@code int}. */
  Integer index(String key) {
    JsonNode node = message.get(key);
    if (node == null || node.isNull()) {
      problems.add("missing \"" + key + "\"");
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
      problems.add("\"" + key + "\" must be an integer >= 0, got " + describe(node));
      return null;
    }
    return node.intValue();
  }

  JsonNode get(String key) {
    return message.get(key);
  }

  void rejectUnknownKeys(Set<String> known) {
    for (Iterator<String> it = message.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add("unknown key \"" + key + "\" for this command");
      }
    }
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "string " + JsonTokens.quoted(node.textValue());
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.toString();
  }
}
