package io.driftgate.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.driftgate.wire.IsoInstant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A row as the records envelope of {@code docs/wire-formats.md}, in its key order: {@code dataset}
 * (first, so the job reads {@code fields} straight into the dataset's layout), {@code version},
 * {@code event_time}, {@code cohort_key} when there is one, {@code fields}. Values are written so
 * that the job's {@code RecordParser} makes of them what {@code RowWriter} makes of the same
 * columns in the job's file source: a float as the double of its shortest text, a decimal as a
 * double, so {@code 5} stays an integer and a decimal {@code 5} becomes {@code 5.0}. JSON has no
 * NaN or infinity: a non-finite number is refused.
 */
public final class EnvelopeWriter {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final String dataset;
  private final String version;
  private final Set<String> leftOut;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);

  /**
   * @param leftOut columns that are not fields: the event-time and cohort-key columns when the
   *     contract does not declare them
   */
  public EnvelopeWriter(String dataset, String version, Set<String> leftOut) {
    this.dataset = dataset;
    this.version = version;
    this.leftOut = Set.copyOf(leftOut);
  }

  /**
   * @param eventTimeMillis written as ISO-8601 in UTC, or as epoch millis when no four-digit year
   *     can say it
   * @param cohortKey {@code null} for none
   * @param columns the row's values by column name, in order, of the types {@code RowWriter#put}
   *     takes
   * @throws IllegalArgumentException naming the field whose value JSON cannot carry
   */
  public byte[] write(long eventTimeMillis, String cohortKey, Map<String, ?> columns) {
    bytes.reset();
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("dataset", dataset);
      json.writeStringField("version", version);
      String iso = Instant.ofEpochMilli(eventTimeMillis).toString();
      if (IsoInstant.parseMillis(iso) == eventTimeMillis) {
        json.writeStringField("event_time", iso);
      } else {
        json.writeNumberField("event_time", eventTimeMillis);
      }
      if (cohortKey != null) {
        json.writeStringField("cohort_key", cohortKey);
      }
      json.writeObjectFieldStart("fields");
      for (Map.Entry<String, ?> column : columns.entrySet()) {
        if (!leftOut.contains(column.getKey())) {
          json.writeFieldName(column.getKey());
          value(json, column.getKey(), column.getValue());
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory, which never fails", e);
    }
    return bytes.toByteArray();
  }

  private static void value(JsonGenerator json, String field, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof Double d) {
      json.writeNumber(finite(field, d));
    } else if (value instanceof Float f) {
      json.writeNumber(finite(field, Float.isFinite(f) ? Double.parseDouble(f.toString()) : f));
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(finite(field, d.doubleValue()));
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        json.writeFieldName(String.valueOf(member.getKey()));
        value(json, field, member.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        value(json, field, element);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "field "
              + field
              + ": a value of type "
              + value.getClass().getName()
              + " has no JSON form");
    }
  }

  /** Doubles are written by {@code Double.toString}: always with a '.' or an exponent. */
  private static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "field " + field + " is " + value + ", which JSON cannot carry");
    }
    return value;
  }
}
