package io.driftgate.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker inside the test JVM: one combined broker and KRaft controller on loopback,
 * ready for transactions. Register it as {@code @RegisterExtension static KafkaBroker kafka = new
 * KafkaBroker();} to get one broker per test class; use a fresh topic per test. Outside JUnit,
 * {@link #start()} and {@link #close()} it yourself.
 *
 * <p>Internal topics get few partitions and thread pools are small, because the CI machine has two
 * cores and the default 50-partition transaction and offsets logs take seconds to create.
 *
 * <p>Time-based retention is off ({@code log.retention.ms=-1}): Kafka deletes a record once its
 * <em>timestamp</em> is older than the retention, so fixtures stamped at a fixed instant (see
 * {@code io.driftgate.testing.FixtureTime}) would vanish at the first retention check some months
 * later. A test of retention itself passes its own broker properties.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** The broker's client listener, as named in {@code listener.name.<name>.*} settings. */
  private static final String LISTENER = "EXTERNAL";

  private final Map<String, String> brokerProperties;
  private final SecurityProtocol protocol;
  private final Map<String, Object> clientProperties;
  private KafkaClusterTestKit cluster;
  private Admin admin;

  /** A broker that keeps every record, whatever its timestamp. */
  public KafkaBroker() {
    this(Map.of());
  }

  /**
   * A broker with {@code brokerProperties} over the defaults, e.g. {@code log.retention.ms} and
   * {@code log.retention.check.interval.ms} for a test of retention.
   */
  public KafkaBroker(Map<String, String> brokerProperties) {
    this(brokerProperties, SecurityProtocol.PLAINTEXT, Map.of());
  }

  private KafkaBroker(
      Map<String, String> brokerProperties,
      SecurityProtocol protocol,
      Map<String, Object> clientProperties) {
    this.brokerProperties = Map.copyOf(brokerProperties);
    this.protocol = protocol;
    this.clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * A broker whose client listener takes SASL_PLAINTEXT with the PLAIN mechanism, and knows one
   * user besides its own: {@code user} with {@code password}. The KRaft controller's listener stays
   * plaintext (it is not the clients'); brokers talk to each other, for transaction markers say, as
   * a broker user whose password is generated here. Anyone authenticated may do anything (no
   * authorizer): this broker tests authentication, not ACLs. This broker's own helpers ({@link
   * #produce}, {@link #consumeAll}, ...) authenticate as the broker user.
   */
  public static KafkaBroker saslPlain(String user, String password) {
    String brokerUser = "broker";
    String brokerPassword = UUID.randomUUID().toString();
    String serverJaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + (" username=\"" + brokerUser + "\" password=\"" + brokerPassword + "\"")
            + (" user_" + brokerUser + "=\"" + brokerPassword + "\"")
            + (" user_" + user + "=\"" + password + "\";");
    Map<String, String> broker = new HashMap<>();
    broker.put("sasl.enabled.mechanisms", "PLAIN");
    broker.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    broker.put(
        "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
        serverJaas);
    // The test kit would otherwise install an authorizer that lets only its own admin in.
    broker.put("authorizer.class.name", "");
    Map<String, Object> client = new HashMap<>();
    client.put("security.protocol", SecurityProtocol.SASL_PLAINTEXT.name);
    client.put("sasl.mechanism", "PLAIN");
    client.put("sasl.jaas.config", plainJaas(brokerUser, brokerPassword));
    return new KafkaBroker(broker, SecurityProtocol.SASL_PLAINTEXT, client);
  }

  /** A client's {@code sasl.jaas.config} for the PLAIN mechanism. */
  public static String plainJaas(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  public void start() throws Exception {
    if (cluster != null) {
      return;
    }
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBrokerListenerName(new ListenerName(LISTENER))
            .setBrokerSecurityProtocol(protocol)
            .build();
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("log.retention.ms", "-1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "4")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("min.insync.replicas", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("num.network.threads", "2")
            .setConfigProp("num.io.threads", "2")
            .setConfigProp("background.threads", "2")
            .setConfigProp("log.cleaner.threads", "1");
    brokerProperties.forEach(builder::setConfigProp);
    cluster = builder.build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    Properties config = new Properties();
    config.putAll(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    admin = Admin.create(config);
  }

  @Override
  public void close() throws Exception {
    if (admin != null) {
      admin.close(ADMIN_TIMEOUT);
      admin = null;
    }
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public String bootstrapServers() {
    if (cluster == null) {
      throw new IllegalStateException("the broker is not started");
    }
    return cluster.bootstrapServers();
  }

  public void createTopic(String name, int partitions) {
    create(new NewTopic(name, partitions, (short) 1));
  }

  /** A log-compacted topic, as the routing table's topic is: the latest value per key survives. */
  public void createCompactedTopic(String name, int partitions) {
    create(
        new NewTopic(name, partitions, (short) 1)
            .configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
  }

  /**
   * The first offset still held by each partition of {@code topic}: above 0 once retention (or
   * compaction) deleted the partition's oldest records.
   */
  public List<Long> logStartOffsets(String topic, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .sorted(Comparator.comparingInt(TopicPartition::partition))
              .toList();
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
      return partitions.stream().map(starts::get).toList();
    }
  }

  /** Writes unkeyed values, in order, and waits until all are acknowledged. */
  public void produce(String topic, List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value));
      }
      producer.flush();
    }
  }

  public void produce(String topic, byte[] key, byte[] value, long timestampMillis) {
    try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
      get(producer.send(new ProducerRecord<>(topic, null, timestampMillis, key, value)));
    }
  }

  /**
   * A producer for tests that need more than {@link #produce}, e.g. a transactional one; the caller
   * closes it.
   */
  public KafkaProducer<byte[], byte[]> producer(Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.putAll(overrides);
    return new KafkaProducer<>(config);
  }

  /**
   * Every committed record of {@code topic}, read until each partition's last stable offset,
   * ordered by partition then offset. Aborted and still-open transactions are not seen.
   *
   * @throws IllegalStateException when the end is not reached within {@code timeout}
   */
  public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, Duration timeout) {
    awaitTransactionsSettled(topic, timeout);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
      Set<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "topic " + topic + " not read to " + ends + " within " + timeout);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    records.sort(
        Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
            .thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  /**
   * Waits (up to {@code timeout}, then gives up quietly) until no transaction is open on {@code
   * topic}: until its last stable offsets equal its high watermarks. A committed transaction's
   * markers reach the partitions asynchronously after the commit returns, so right after a Flink
   * job finishes a read-committed consumer may still see less than the job committed.
   */
  public void awaitTransactionsSettled(String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> committed = readCommittedConsumer();
        KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
      Set<TopicPartition> partitions =
          committed.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toSet());
      while (!committed
              .endOffsets(partitions, timeout)
              .equals(uncommitted.endOffsets(partitions, timeout))
          && System.nanoTime() < deadline) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
    return consumer("read_committed");
  }

  private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(config);
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void create(NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
    }
  }

  private static <T> T get(java.util.concurrent.Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot produce", e.getCause());
    }
  }
}
