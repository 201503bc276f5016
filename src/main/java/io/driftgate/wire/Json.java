package io.driftgate.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The few rules every driftgate JSON output shares, kept in one place so the topics and the audit
 * column cannot disagree: nodes are built field by field (fixed order, hence same input, same
 * bytes), instants are ISO-8601 strings, and non-finite doubles become {@code null} because JSON
 * has no NaN and Flink's JSON format rejects it.
 */
public final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static void putDouble(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  static void putInstant(ObjectNode node, String field, Instant value) {
    node.put(field, value == null ? null : value.toString());
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree, which never fails", e);
    }
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree, which never fails", e);
    }
  }
}
