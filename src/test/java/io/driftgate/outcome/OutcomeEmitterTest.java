package io.driftgate.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.wire.EventTimes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class OutcomeEmitterTest {

  private static final String DATASET = "features.customer_profile";
  private static final String UNICODE_DATASET = "données.clients \uD83D\uDCCA";
  private static final Instant NOON = Instant.parse("2026-11-24T10:00:00Z");

  private static final OutcomeParser PARSER =
      new OutcomeParser(Set.of(DATASET, UNICODE_DATASET), 1 << 20, 0);

  @Test
  void writesTheMembersInTheirOrder() {
    byte[] rate =
        OutcomeEmitter.json(DATASET, "checkout.converted", "consumer-17", true, NOON, "v42");
    byte[] quantity =
        OutcomeEmitter.json(
            DATASET, "latency_ms", "consumer-\"17\"", 12.5, NOON.plusNanos(1_999_999), null);

    assertThat(new String(rate, UTF_8))
        .isEqualTo(
            "{\"dataset\":\"features.customer_profile\",\"metric\":\"checkout.converted\","
                + "\"cohort_key\":\"consumer-17\",\"value\":true,"
                + "\"event_time\":\"2026-11-24T10:00:00Z\",\"version\":\"v42\"}");
    assertThat(new String(quantity, UTF_8))
        .isEqualTo(
            "{\"dataset\":\"features.customer_profile\",\"metric\":\"latency_ms\","
                + "\"cohort_key\":\"consumer-\\\"17\\\"\",\"value\":12.5,"
                + "\"event_time\":\"2026-11-24T10:00:00.001Z\"}");
  }

  @Test
  void writesEventTimesBeyondFourDigitYearsAsEpochMillis() {
    long late = Long.MAX_VALUE - EventTimes.EDGE_MILLIS;
    Outcome outcome = Outcome.of(DATASET, "m", "k", 1.0, late, null);

    assertThat(new String(OutcomeEmitter.json(outcome), UTF_8))
        .contains("\"event_time\":" + late + "}");
    assertThat(PARSER.parse(OutcomeEmitter.json(outcome), -1)).isEqualTo(outcome);
  }

  @Test
  void refusesWhatTheJobWouldDeadLetter() {
    assertThatThrownBy(() -> OutcomeEmitter.json(DATASET, "m", " ", 1.0, NOON, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cohort key");
    assertThatThrownBy(() -> OutcomeEmitter.json(DATASET, "m", "k", Double.NaN, NOON, null))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> OutcomeEmitter.json(DATASET, "a:b", "k", 1.0, NOON, null))
        .hasMessageContaining("metric 'a:b'");
  }

  /** Whatever the emitter writes, the job reads back as the same outcome. */
  @Test
  void everyEmittedOutcomeParsesBackTheSame() {
    SplittableRandom random = new SplittableRandom(20261124L);
    for (int i = 0; i < 20_000; i++) {
      Outcome outcome = randomOutcome(random);

      byte[] json = OutcomeEmitter.json(outcome);

      assertThat(PARSER.parse(json, -1)).as("%s", new String(json, UTF_8)).isEqualTo(outcome);
    }
  }

  @Test
  void sendsToTheTopicKeyedByDatasetAndCohortKey() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    Outcome outcome = Outcome.of(DATASET, "checkout.converted", "c-ü", true, 0L, "v2");

    try (OutcomeEmitter emitter = new OutcomeEmitter(producer, "driftgate.outcomes")) {
      emitter.emit(outcome);
    }

    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).topic()).isEqualTo("driftgate.outcomes");
    assertThat(new String(sent.get(0).key(), UTF_8)).isEqualTo(DATASET + "/c-ü");
    assertThat(sent.get(0).value()).isEqualTo(OutcomeEmitter.json(outcome));
    assertThat(sent.get(0).timestamp()).as("the producer's clock").isNull();
    assertThat(producer.closed()).isTrue();
  }

  private static Outcome randomOutcome(SplittableRandom random) {
    String dataset = random.nextBoolean() ? DATASET : UNICODE_DATASET;
    String version = random.nextInt(3) == 0 ? null : text(random, 1 + random.nextInt(20));
    long eventTime = eventTime(random);
    String key = text(random, 1 + random.nextInt(30));
    while (key.isBlank()) {
      key = text(random, 1 + random.nextInt(30));
    }
    String metric = "m" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "_.-";
    if (random.nextInt(4) == 0) {
      return Outcome.of(dataset, metric, key, random.nextBoolean(), eventTime, version);
    }
    return Outcome.of(dataset, metric, key, number(random), eventTime, version);
  }

  private static final double[] EDGE_NUMBERS = {
    0.0,
    -0.0,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    9_007_199_254_740_993.0,
    1e-300,
    0.1,
    1.0 / 3,
    Long.MAX_VALUE
  };

  private static double number(SplittableRandom random) {
    switch (random.nextInt(3)) {
      case 0:
        return EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)];
      case 1:
        return random.nextInt(-1_000_000, 1_000_000);
      default:
        double bits = Double.longBitsToDouble(random.nextLong());
        return Double.isFinite(bits) ? bits : random.nextDouble();
    }
  }

  private static long eventTime(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> Long.MIN_VALUE + EventTimes.EDGE_MILLIS + random.nextInt(1_000);
      case 1 -> Long.MAX_VALUE - EventTimes.EDGE_MILLIS - random.nextInt(1_000);
      default -> random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
    };
  }

  /**
   * Code points from ASCII (quotes, backslashes and control characters among them), Latin, CJK and
   * the supplementary planes, so escapes and every UTF-8 length occur.
   */
  private static String text(SplittableRandom random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0, 0x80);
            case 1 -> random.nextInt(0x80, 0x800);
            case 2 -> random.nextInt(0x4E00, 0xA000);
            default -> random.nextInt(0x10000, 0x110000);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
