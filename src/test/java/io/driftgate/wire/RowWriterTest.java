package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A row written from column values is the row the parser reads from the same JSON. */
class RowWriterTest {

  private static final FieldLayout LAYOUT =
      FieldLayout.of(List.of("i", "l", "big", "f", "d", "dec", "s", "b", "n", "o", "a"));

  @Test
  void columnValuesGiveTheKindsAndValuesOfTheSameJson() {
    String json =
        "{\"dataset\":\"d\",\"version\":\"v\",\"event_time\":1,\"fields\":{"
            + "\"i\":5,\"l\":5000000000,\"big\":123456789012345678901234567890,\"f\":0.1,"
            + "\"d\":2.5,\"dec\":1.25,\"s\":\"x\",\"b\":true,\"n\":null,\"o\":{\"k\":1},"
            + "\"a\":[1,\"y\"],\"extra\":7}}";
    FieldRow parsed =
        ((ObservedRecord) new RecordParser(Map.of("d", LAYOUT)).parse(bytes(json))).row();

    RowWriter writer = new RowWriter(LAYOUT);
    writer.start();
    writer.put("i", 5L);
    writer.put("l", 5_000_000_000L);
    writer.put("big", new BigInteger("123456789012345678901234567890"));
    writer.put("f", 0.1f);
    writer.put("d", 2.5);
    writer.put("dec", new BigDecimal("1.25"));
    writer.put("s", "x");
    writer.put("b", true);
    writer.put("n", null);
    writer.put("o", Map.of("k", 1));
    writer.put("a", List.of(1, "y"));
    writer.put("extra", (short) 7);
    FieldRow written = writer.finish();

    for (int p = 0; p < LAYOUT.size(); p++) {
      assertThat(written.kind(p)).as(LAYOUT.name(p)).isEqualTo(parsed.kind(p));
      assertThat(written.value(p)).as(LAYOUT.name(p)).isEqualTo(parsed.value(p));
    }
    assertThat(written.asMap()).isEqualTo(parsed.asMap());
    assertThat(written.undeclaredCount()).isEqualTo(1);
  }

  @Test
  void aSecondValueOfOneNameIsADuplicateAndUnknownTypesAreRefused() {
    RowWriter writer = new RowWriter(LAYOUT);
    writer.start();
    assertThat(writer.put("s", "x")).isTrue();
    assertThat(writer.put("s", "y")).isFalse();
    assertThat(writer.put("extra", 1)).isTrue();
    assertThat(writer.put("extra", 2)).isFalse();
    assertThatThrownBy(() -> writer.put("d", new Object()))
        .hasMessageStartingWith("field d: a value of type java.lang.Object has no JSON form");
    writer.start();
    assertThat(writer.put("s", "z")).as("start() empties the row").isTrue();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
