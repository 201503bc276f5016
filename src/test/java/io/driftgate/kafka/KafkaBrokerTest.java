package io.driftgate.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension static KafkaBroker kafka = new KafkaBroker();

  @Test
  void readsBackWhatWasProducedInPartitionOrder() {
    kafka.createTopic("plain", 1);
    kafka.produce("plain", List.of(bytes("a"), bytes("b"), bytes("c")));

    assertThat(kafka.consumeAll("plain", TIMEOUT))
        .extracting(r -> text(r.value()))
        .containsExactly("a", "b", "c");
  }

  @Test
  void keepsKeysAndTimestamps() {
    kafka.createCompactedTopic("routing", 2);
    kafka.produce("routing", bytes("k1"), bytes("v1"), 1_000L);
    kafka.produce("routing", bytes("k2"), bytes("v2"), 2_000L);

    List<ConsumerRecord<byte[], byte[]>> records = kafka.consumeAll("routing", TIMEOUT);

    assertThat(records)
        .extracting(r -> text(r.key()) + "=" + text(r.value()) + "@" + r.timestamp())
        .containsExactlyInAnyOrder("k1=v1@1000", "k2=v2@2000");
    assertThat(records)
        .isSortedAccordingTo(
            (x, y) ->
                x.partition() != y.partition()
                    ? Integer.compare(x.partition(), y.partition())
                    : Long.compare(x.offset(), y.offset()));
  }

  @Test
  void hidesAbortedTransactions() {
    kafka.createTopic("transactional", 1);
    try (KafkaProducer<byte[], byte[]> producer =
        kafka.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", bytes("aborted")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", bytes("committed")));
      producer.commitTransaction();
    }

    assertThat(kafka.consumeAll("transactional", TIMEOUT))
        .extracting(r -> text(r.value()))
        .containsExactly("committed");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
