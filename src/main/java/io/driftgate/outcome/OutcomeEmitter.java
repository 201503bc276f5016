package io.driftgate.outcome;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftgate.publish.Publisher;
import io.driftgate.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a consumer uses to report outcomes: the exact JSON the job reads ({@link #json}), and a
 * producer for the outcomes topic ({@link #emit}).
 *
 * <pre>{@code
 * try (OutcomeEmitter outcomes =
 *     new OutcomeEmitter("kafka:9092", Map.of(), "driftgate.outcomes")) {
 *   outcomes.emit(Outcome.of("features.customer_profile", "checkout.converted", "consumer-17",
 *       true, Instant.now().toEpochMilli(), "v42"));
 * }
 * }</pre>
 *
 * <p>The producer is idempotent with {@code acks=all} ({@link Publisher#producerConfig}): a retried
 * batch is written once, and an acknowledged outcome survives a broker failure. Records carry the
 * producer's clock as their Kafka timestamp, which the job compares event times with.
 *
 * <p><b>Key.</b> Each record is keyed by {@code <dataset>/<cohort_key>} (UTF-8). One consumer's
 * outcomes of one dataset then stay in order on one partition, while a dataset's outcomes spread
 * over every partition: keying by the dataset alone would put all of a popular dataset's outcomes,
 * often many times its records, on one partition and one reading subtask. The job never reads the
 * key; the assignment to a cohort depends on the value alone.
 */
public final class OutcomeEmitter implements AutoCloseable {

  /** The instants {@code Instant.toString()} writes with the four-digit year ISO readers expect. */
  private static final Instant FIRST_ISO = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LAST_ISO = Instant.parse("9999-12-31T23:59:59.999Z");

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  /**
   * An idempotent, {@code acks=all} producer for {@code topic}.
   *
   * @param clientSettings further Kafka client settings (TLS, SASL); they cannot override the
   *     producer's guarantees
   */
  public OutcomeEmitter(String bootstrapServers, Map<String, String> clientSettings, String topic) {
    this(new KafkaProducer<>(config(bootstrapServers, clientSettings)), topic);
  }

  /** Emits through {@code producer}, which this emitter closes. */
  public OutcomeEmitter(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Sends the outcome; the future completes when Kafka acknowledged it (or failed). */
  public Future<RecordMetadata> emit(Outcome outcome) {
    return producer.send(new ProducerRecord<>(topic, key(outcome), json(outcome)));
  }

  /** Waits for every outcome sent so far, then closes the producer. */
  @Override
  public void close() {
    producer.close();
  }

  /** The record's key: {@code <dataset>/<cohort_key>} in UTF-8. */
  public static byte[] key(Outcome outcome) {
    return (outcome.dataset() + "/" + outcome.cohortKey()).getBytes(UTF_8);
  }

  /**
   * The JSON of a quantity, checked as {@link Outcome} checks it; {@code eventTime} is kept to the
   * millisecond, as the job reads it.
   */
  public static byte[] json(
      String dataset,
      String metric,
      String cohortKey,
      double value,
      Instant eventTime,
      String version) {
    return json(Outcome.of(dataset, metric, cohortKey, value, eventTime.toEpochMilli(), version));
  }

  /**
   * The JSON of an observation of a rate, as {@link #json(String, String, String, double, Instant,
   * String)}.
   */
  public static byte[] json(
      String dataset,
      String metric,
      String cohortKey,
      boolean value,
      Instant eventTime,
      String version) {
    return json(Outcome.of(dataset, metric, cohortKey, value, eventTime.toEpochMilli(), version));
  }

  /**
   * The outcome's members in a fixed order, so the same outcome always gives the same bytes: {@code
   * dataset}, {@code metric}, {@code cohort_key}, {@code value} (a boolean for a rate), {@code
   * event_time} (ISO-8601 in UTC for years 0000 to 9999, which is what the job's ISO reader takes,
   * epoch millis beyond them), and {@code version} when known.
   */
  public static byte[] json(Outcome outcome) {
    ObjectNode node = Json.object();
    node.put("dataset", outcome.dataset());
    node.put("metric", outcome.metric());
    node.put("cohort_key", outcome.cohortKey());
    if (outcome.rate()) {
      node.put("value", outcome.value() == 1.0);
    } else {
      node.put("value", outcome.value());
    }
    Instant eventTime = Instant.ofEpochMilli(outcome.eventTimeMillis());
    if (eventTime.isBefore(FIRST_ISO) || eventTime.isAfter(LAST_ISO)) {
      node.put("event_time", outcome.eventTimeMillis());
    } else {
      node.put("event_time", eventTime.toString());
    }
    if (outcome.version() != null) {
      node.put("version", outcome.version());
    }
    return Json.bytes(node);
  }

  private static Map<String, Object> config(String bootstrapServers, Map<String, String> settings) {
    Map<String, Object> config =
        Publisher.producerConfig(bootstrapServers, settings, Duration.ofSeconds(30));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "driftgate-outcomes");
    return config;
  }
}
