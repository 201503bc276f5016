package io.driftgate.source;

import io.driftgate.wire.Rejection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * A Parquet record, read by parquet-avro with its file's own schema, as named column values: {@link
 * #decode} maps its logical types as {@code docs/sources.md} says. No Flink type is used, so {@code
 * driftgate publish} decodes with it outside Flink ({@link FileFormats#parquet()} is the Flink
 * reader).
 */
public final class ParquetRows implements RowDecoder<GenericRecord> {

  private static final long serialVersionUID = 1L;

  public ParquetRows() {}

  @Override
  public Rejection decode(GenericRecord record, Map<String, Object> columns) {
    for (Schema.Field field : record.getSchema().getFields()) {
      columns.put(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return null;
  }

  @Override
  public byte[] original(GenericRecord record, Map<String, Object> columns) {
    return Originals.json(columns);
  }

  /** An Avro value as the JSON value a producer would write for it. */
  static Object value(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    Schema type = nonNull(schema);
    LogicalType logical = type.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      byte[] bytes =
          value instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) value);
      return new BigDecimal(new BigInteger(bytes), decimal.getScale());
    }
    if (logical instanceof LogicalTypes.Date) {
      return LocalDate.ofEpochDay((Integer) value).toString();
    }
    if (logical instanceof LogicalTypes.TimestampMillis
        || logical instanceof LogicalTypes.LocalTimestampMillis) {
      return value;
    }
    if (logical instanceof LogicalTypes.TimestampMicros
        || logical instanceof LogicalTypes.LocalTimestampMicros) {
      return Math.floorDiv((Long) value, 1000L);
    }
    return switch (type.getType()) {
      case STRING, ENUM -> value.toString();
      case BYTES -> Base64.getEncoder().encodeToString(bytes((ByteBuffer) value));
      case FIXED -> Base64.getEncoder().encodeToString(((GenericFixed) value).bytes());
      case RECORD -> {
        GenericRecord nested = (GenericRecord) value;
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : type.getFields()) {
          map.put(field.name(), value(field.schema(), nested.get(field.pos())));
        }
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) value) {
          list.add(value(type.getElementType(), element));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), value(type.getValueType(), v)));
        yield map;
      }
      default -> value;
    };
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return schema;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
