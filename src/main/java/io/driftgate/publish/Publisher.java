package io.driftgate.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a version's rows to the records topic and counts what became of each: sent (acknowledged),
 * rejected locally, or not acknowledged. It stops reading at the first record Kafka refuses, waits
 * for every record in flight, and only counts as sent what Kafka acknowledged.
 */
public final class Publisher {

  /** The job's default records topic ({@code driftgate.topics.records}). */
  public static final String RECORDS_TOPIC = "driftgate.records";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Progress progress;
  private final Rejects rejects;

  public Publisher(
      Producer<byte[], byte[]> producer, String topic, Progress progress, Rejects rejects) {
    this.producer = producer;
    this.topic = topic;
    this.progress = progress;
    this.rejects = rejects;
  }

  /**
   * An idempotent producer with {@code acks=all}: a retried batch is written once, and an
   * acknowledged record survives a broker failure. The security properties come first, so they
   * cannot override these settings.
   *
   * @param timeout how long a record may wait for its acknowledgement (and a send for metadata)
   */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, Map<String, String> security, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1_000, timeout.toMillis()));
    Map<String, Object> config = new HashMap<>(security);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "driftgate-publish");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(millis, 30_020));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** Reads every row, sends or rejects it, then waits for every acknowledgement. */
  public PublishResult publish(String dataset, String version, RowReader rows, RowEnvelopes rules) {
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    Callback acknowledged =
        (metadata, exception) -> {
          if (exception == null) {
            sent.incrementAndGet();
          } else {
            failed.incrementAndGet();
            failure.compareAndSet(null, "Kafka refused a record: " + exception);
          }
        };
    long read = 0;
    try {
      for (RowReader.Row row = rows.next(); row != null; row = rows.next()) {
        read++;
        RowEnvelopes.Outcome outcome = rules.envelope(row);
        if (outcome instanceof RowEnvelopes.Message message) {
          try {
            producer.send(
                new ProducerRecord<>(topic, message.key(), message.value()), acknowledged);
          } catch (KafkaException e) {
            failed.incrementAndGet();
            failure.compareAndSet(null, "cannot send to " + topic + ": " + e);
          }
        } else {
          rejects.add(row.origin(), ((RowEnvelopes.Refused) outcome).rejection());
        }
        progress.update(read, sent.get(), rejects.count());
        if (failure.get() != null) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, "cannot read the rows further: " + e.getMessage());
    }
    try {
      producer.flush();
    } catch (KafkaException e) {
      failure.compareAndSet(null, "cannot flush to " + topic + ": " + e);
    }
    long rejected = rejects.count();
    // a send neither acknowledged nor failed (flush interrupted) counts as not acknowledged
    long unsettled = read - rejected - sent.get() - failed.get();
    progress.finish(read, sent.get(), rejected);
    return new PublishResult(
        dataset,
        version,
        topic,
        read,
        sent.get(),
        rejected,
        failed.get() + Math.max(0, unsettled),
        failure.get());
  }
}
