package io.driftgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** Parquet's types, as parquet-avro reads them, become the values a JSON producer would write. */
class ParquetRowsTest {

  @Test
  void logicalTypesBecomeTheirJsonValues() {
    Schema decimal = LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema =
        SchemaBuilder.record("row")
            .fields()
            .name("price")
            .type(decimal)
            .noDefault()
            .name("day")
            .type(date)
            .noDefault()
            .name("at")
            .type(micros)
            .noDefault()
            .requiredString("name")
            .requiredInt("count")
            .requiredFloat("ratio")
            .optionalLong("missing")
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .name("raw")
            .type()
            .bytesType()
            .noDefault()
            .endRecord();
    GenericRecord row = new GenericData.Record(schema);
    row.put("price", ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()));
    row.put("day", (int) java.time.LocalDate.of(2026, 3, 2).toEpochDay());
    row.put("at", 1_772_442_000_123_456L);
    row.put("name", new Utf8("n"));
    row.put("count", 3);
    row.put("ratio", 0.1f);
    row.put("missing", null);
    row.put("tags", List.of(new Utf8("a"), new Utf8("b")));
    row.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));

    Map<String, Object> columns = new LinkedHashMap<>();
    assertThat(new ParquetRows().decode(row, columns)).isNull();

    assertThat(columns)
        .containsExactly(
            Map.entry("price", new BigDecimal("12.34")),
            Map.entry("day", "2026-03-02"),
            Map.entry("at", 1_772_442_000_123L),
            Map.entry("name", "n"),
            Map.entry("count", 3),
            Map.entry("ratio", 0.1f),
            new java.util.AbstractMap.SimpleEntry<>("missing", null),
            Map.entry("tags", List.of("a", "b")),
            Map.entry("raw", "AQID"));
  }
}
