package io.driftgate.cli;

import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.ControlSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes one control command, signed or not, keyed by its dataset so that a dataset's commands
 * stay in order on one partition, with an idempotent producer and {@code acks=all}: once this
 * returns, the command survives a broker failure and was written exactly once. The security
 * properties come first, so that the settings above cannot be overridden by them.
 */
final class ControlPublisher {

  private ControlPublisher() {}

  static RecordMetadata publish(
      String bootstrapServers,
      Map<String, String> security,
      String topic,
      Command command,
      ControlSignature signature,
      Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1_000, timeout.toMillis()));
    Map<String, Object> config = new HashMap<>(security);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "driftgate-cli");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            command.dataset().getBytes(StandardCharsets.UTF_8),
            ControlJson.toBytes(command, signature));
    String where =
        "topic "
            + topic
            + " at "
            + bootstrapServers
            + (security.isEmpty()
                ? " (plaintext: a broker that requires TLS or SASL needs --kafka-config or $"
                    + KafkaConfigFile.ENV
                    + ")"
                : " (" + security.get("security.protocol") + ")");
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
    try {
      try {
        return producer.send(record).get(millis + 5_000L, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new CliException(
            CliException.FAILURE, "cannot publish to " + where + ": " + cause.getMessage(), cause);
      } catch (TimeoutException e) {
        throw new CliException(
            CliException.FAILURE, "no acknowledgement from " + where + " within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(CliException.FAILURE, "interrupted publishing to " + where, e);
      } catch (org.apache.kafka.common.KafkaException e) {
        throw new CliException(
            CliException.FAILURE, "cannot publish to " + where + ": " + e.getMessage(), e);
      }
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
