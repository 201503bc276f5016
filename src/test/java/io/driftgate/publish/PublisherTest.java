package io.driftgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RecordParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer's settings, the summary's form, the envelope's values, the progress throttle. */
class PublisherTest {

  @Test
  void theProducerIsIdempotentAndWaitsForAllReplicas() {
    Map<String, Object> config =
        Publisher.producerConfig(
            "kafka:9092",
            Map.of("security.protocol", "SASL_SSL", ProducerConfig.ACKS_CONFIG, "1"),
            Duration.ofMinutes(2));
    assertThat(config)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000)
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void theSummaryHasOneStableForm() {
    assertThat(new PublishResult("d", "v2", "t", 10, 9, 1, 0, null).summary())
        .isEqualTo("published 10 rows of d v2 to t: sent 9, rejected locally 1");
    assertThat(new PublishResult("d", "v2", "t", 10, 7, 1, 2, "x").summary())
        .isEqualTo(
            "published 10 rows of d v2 to t: sent 7, rejected locally 1, not acknowledged 2");
  }

  /** Values come back as the file source's RowWriter makes them: decimals and floats as doubles. */
  @Test
  void valuesAreWrittenAsTheParserMustReadThem() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("ts", "2026-01-01T00:00:00Z");
    columns.put("i", 5L);
    columns.put("big", Long.MAX_VALUE);
    columns.put("dec", new BigDecimal("5"));
    columns.put("f", 0.1f);
    columns.put("nested", Map.of("a", List.of(1, "b")));
    columns.put("n", null);
    byte[] envelope =
        new EnvelopeWriter("d", "v2", Set.of("ts")).write(1_767_225_600_000L, "c-1", columns);

    assertThat(new String(envelope, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"dataset\":\"d\",\"version\":\"v2\",\"event_time\":\"2026-01-01T00:00:00Z\","
                + "\"cohort_key\":\"c-1\",\"fields\":{\"i\":5,\"big\":9223372036854775807,"
                + "\"dec\":5.0,\"f\":0.1,\"nested\":{\"a\":[1,\"b\"]},\"n\":null}}");
    ObservedRecord parsed =
        (ObservedRecord)
            new RecordParser(Map.of("d", FieldLayout.of(List.of("i", "dec", "f")))).parse(envelope);
    assertThat(parsed.eventTimeMillis()).isEqualTo(1_767_225_600_000L);
    assertThat(parsed.cohortKey()).isEqualTo("c-1");
    assertThat(parsed.fields())
        .containsEntry("i", 5)
        .containsEntry("big", Long.MAX_VALUE)
        .containsEntry("dec", 5.0)
        .containsEntry("f", 0.1)
        .doesNotContainKey("ts");
  }

  @Test
  void aNonFiniteNumberIsRefusedNamingItsField() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("x", Double.NaN);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new EnvelopeWriter("d", "v2", Set.of()).write(0, null, columns))
        .hasMessage("field x is NaN, which JSON cannot carry");
  }

  @Test
  void progressIsDrawnAtMostEvery200Milliseconds() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    Progress progress =
        new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, now::get);
    progress.update(1, 0, 0);
    now.addAndGet(Progress.INTERVAL_NANOS - 1);
    progress.update(2, 1, 0);
    assertThat(err.size()).isZero();
    now.addAndGet(1);
    progress.update(3, 2, 0);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("\rread 3  sent 2  rejected locally 0  10 rows/s   ");
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Progress off =
        new Progress(new PrintStream(quiet, true, StandardCharsets.UTF_8), false, now::get);
    off.update(1, 1, 1);
    off.finish(1, 1, 1);
    assertThat(quiet.size()).isZero();
  }

  /**
   * The command runs from the job jar with {@code java -jar}, without Flink's jars: neither this
   * package nor the source decoders it uses may touch Flink.
   */
  @Test
  void publishingNeedsNoFlink() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.driftgate.publish", "io.driftgate.source");
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage("io.driftgate.publish")
        .or()
        .haveSimpleName("ParquetRows")
        .or()
        .haveSimpleName("CsvRows")
        .or()
        .haveSimpleName("JsonLines")
        .or()
        .haveSimpleName("RowDecoder")
        .or()
        .haveSimpleName("EventTimeColumn")
        .or()
        .haveSimpleName("VersionSource")
        .or()
        .haveSimpleName("Originals")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "io.driftgate.job..")
        .check(classes);
  }
}
