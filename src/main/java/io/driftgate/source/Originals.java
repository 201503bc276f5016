package io.driftgate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A row of a binary or columnar file as the bytes a dead letter keeps: one JSON object. */
final class Originals {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Originals() {}

  static byte[] json(Map<String, Object> columns) {
    try {
      return JSON.writeValueAsBytes(columns);
    } catch (JsonProcessingException e) {
      return String.valueOf(columns).getBytes(StandardCharsets.UTF_8);
    }
  }
}
