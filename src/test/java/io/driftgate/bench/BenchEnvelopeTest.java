package io.driftgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The benchmark must measure the records the job really accepts, not ones it rejects early. */
class BenchEnvelopeTest {

  @Test
  void benchmarkRecordsParseAsTwentyNumericFields() {
    RecordParser parser = new RecordParser(Set.of(RawConsumerBaseline.DATASET));
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder json = new StringBuilder();
    for (long i = 0; i < 100; i++) {
      json.setLength(0);
      RawConsumerBaseline.envelope(json, i, random);

      ParseResult result = parser.parse(json.toString().getBytes(StandardCharsets.UTF_8));

      assertThat(result).isInstanceOf(ObservedRecord.class);
      ObservedRecord record = (ObservedRecord) result;
      assertThat(record.version()).isEqualTo(i % 2 == 0 ? "v1" : "v2");
      assertThat(record.eventTimeMillis()).isEqualTo(RawConsumerBaseline.START_MILLIS + i);
      assertThat(record.fields()).hasSize(RawConsumerBaseline.FIELDS);
      assertThat(record.fields().get("f0")).isInstanceOf(Double.class);
      assertThat(record.fields().get("f19")).isInstanceOf(Integer.class);
    }
  }
}
