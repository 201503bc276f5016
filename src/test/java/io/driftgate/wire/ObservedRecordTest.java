package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lazily read cohort key: a record the plain reader read behaves as one with the key as a
 * string, whichever path read it and whatever form the key had.
 */
class ObservedRecordTest {

  private static final Map<String, FieldLayout> LAYOUTS =
      Map.of("ds", FieldLayout.of(List.of("x", "y")));

  private static byte[] envelope(String cohortMember) {
    return ("{\"dataset\":\"ds\",\"version\":\"v1\",\"event_time\":1795514400000"
            + cohortMember
            + ",\"fields\":{\"x\":1.5,\"y\":2}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The same record, its key written plainly and in a form only Jackson reads, through one parser
   * (so both share its row): equal, same hash, same text, same key as a Jackson-only parser's.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "string | ,\"cohort_key\":\"c-12345\" | ,\"cohort_key\":\"c\\u002d12345\"",
        "empty string | ,\"cohort_key\":\"\" | , \"cohort_key\":\"\",\"meta\":1",
        "integer | ,\"cohort_key\":42 | ,\"cohort_key\":42,\"meta\":1",
        "negative integer | ,\"cohort_key\":-7 | ,\"meta\":1,\"cohort_key\":-7",
        "null | ,\"cohort_key\":null | ,\"cohort_key\":null,\"meta\":1",
        "absent | `` | ,\"meta\":1",
        "escaped quote | ,\"cohort_key\":\"a\\\"b\" | ,\"cohort_key\":\"a\\\"b\"",
        "unicode | ,\"cohort_key\":\"\u00fc-\u20ac\" | ,\"cohort_key\":\"\\u00fc-\\u20ac\"",
      })
  void plainAndJacksonRecordsAreEqual(String name, String plainMember, String jacksonMember) {
    RecordParser parser = new RecordParser(LAYOUTS);
    ObservedRecord plain = (ObservedRecord) parser.parse(envelope(plainMember));
    long plainRecords = parser.plainRecords();
    ObservedRecord jackson = (ObservedRecord) parser.parse(envelope(jacksonMember));
    assertThat(parser.plainRecords()).as("the second took Jackson's path").isEqualTo(plainRecords);
    ObservedRecord reference =
        (ObservedRecord) RecordParser.jacksonOnly(LAYOUTS).parse(envelope(plainMember));

    assertThat(plain.row()).isSameAs(jackson.row());
    assertThat(plain.cohortKey()).isEqualTo(jackson.cohortKey()).isEqualTo(reference.cohortKey());
    assertThat(plain).isEqualTo(jackson).hasSameHashCodeAs(jackson);
    assertThat(jackson).isEqualTo(plain);
    assertThat(plain.toString()).isEqualTo(jackson.toString());
  }

  @Test
  void aLazyKeyBehavesAsTheRecordClassDidWithTheKeyAsAString() {
    RecordParser parser = new RecordParser(LAYOUTS);
    ObservedRecord lazy = (ObservedRecord) parser.parse(envelope(",\"cohort_key\":\"c-1\""));
    assertThat(parser.plainRecords()).isEqualTo(1);
    ObservedRecord eager = new ObservedRecord("ds", "v1", 1795514400000L, "c-1", lazy.row());

    // Compared before either key was asked for, both ways round.
    assertThat(eager.hashCode()).isEqualTo(lazy.hashCode());
    assertThat(lazy).isEqualTo(eager);
    assertThat(eager).isEqualTo(lazy);
    assertThat(lazy)
        .isNotEqualTo(new ObservedRecord("ds", "v1", 1795514400000L, "c-2", lazy.row()))
        .isNotEqualTo(new ObservedRecord("ds", "v1", 1795514400000L, null, lazy.row()));
    assertThat(lazy.toString())
        .isEqualTo(
            "ObservedRecord[dataset=ds, version=v1, eventTimeMillis=1795514400000, cohortKey=c-1,"
                + " row="
                + lazy.row()
                + "]");
    assertThat(lazy.cohortKey()).isEqualTo("c-1").isSameAs(lazy.cohortKey());
    assertThat(lazy.detached().cohortKey()).isEqualTo("c-1");
  }

  @Test
  void javaSerializationWritesTheKeyNotTheBytes() throws Exception {
    ObservedRecord lazy =
        (ObservedRecord) new RecordParser(LAYOUTS).parse(envelope(",\"cohort_key\":\"c-9\""));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(lazy);
    }
    ObservedRecord read;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      read = (ObservedRecord) in.readObject();
    }
    assertThat(read.cohortKey()).isEqualTo("c-9");
    assertThat(read.dataset()).isEqualTo("ds");
    assertThat(read.fields()).isEqualTo(Map.of("x", 1.5, "y", 2));
  }

  /**
   * A plain record with a cohort key costs its parser one small object, the record: no string or
   * array for the key, no boxed number, no map. (The eager key cost two more, 48 bytes.)
   */
  @Test
  void parsingAPlainRecordAllocatesOnlyTheRecord() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    RecordParser parser = new RecordParser(LAYOUTS);
    byte[][] records = new byte[64][];
    for (int i = 0; i < records.length; i++) {
      records[i] = envelope(",\"cohort_key\":\"c-" + (10_000 + i) + "\"");
    }
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += ((ObservedRecord) parser.parse(records[i % records.length])).eventTimeMillis();
    }
    int count = 100_000;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < count; i++) {
      sink += ((ObservedRecord) parser.parse(records[i % records.length])).eventTimeMillis();
    }
    long perRecord = (threads.getCurrentThreadAllocatedBytes() - before) / count;
    assertThat(sink).isPositive();
    assertThat(parser.plainRecords()).isEqualTo(20_000 + count);
    assertThat(perRecord).as("bytes allocated per record").isLessThanOrEqualTo(56);
  }
}
