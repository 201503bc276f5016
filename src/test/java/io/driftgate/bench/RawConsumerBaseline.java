package io.driftgate.bench;

import io.driftgate.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling for any job reading the records topic: how fast a bare {@code KafkaConsumer} drains
 * it on this machine, doing nothing but touching each value. Parser and job throughput are judged
 * against this number, not in the abstract.
 *
 * <p>Run: {@code java -cp <test classpath> io.driftgate.bench.RawConsumerBaseline [records]
 * [partitions] [runs]}; defaults 5,000,000 records, 4 partitions, 3 runs (the first warms the JIT).
 */
public final class RawConsumerBaseline {

  /** The dataset of every benchmark record; its contract has the 20 numeric fields below. */
  public static final String DATASET = "bench.wide";

  public static final int FIELDS = 20;

  /** 2026-11-24T10:00:00Z: the first record's event time; each next record is 1 ms later. */
  public static final long START_MILLIS = 1_795_514_400_000L;

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** Defeats dead-code elimination of the consume loop. */
  private static volatile long sink;

  private RawConsumerBaseline() {}

  /**
   * Writes {@code records} envelopes of {@link #DATASET}, versions {@code v1} and {@code v2}
   * alternating, fields {@code f0..f9} decimals and {@code f10..f19} integers drawn from {@code
   * seed}. LZ4 compression, because it is what a production records topic would use: JSON shrinks
   * about fourfold, which spares the broker's disk and costs the consumer little, and the baseline
   * should include that decompression since a real job pays it too.
   */
  public static void fill(String bootstrap, String topic, int partitions, long records, long seed) {
    fill(bootstrap, topic, partitions, records, seed, 0);
  }

  /**
   * {@link #fill(String, String, int, long, long)}, with one hot version when {@code hotEvery} is
   * positive: then record {@code i} is {@code v2} when {@code i % hotEvery == 0}, else {@code v1}.
   * The fields are the same as without.
   */
  public static void fill(
      String bootstrap, String topic, int partitions, long records, long seed, int hotEvery) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder json = new StringBuilder(512);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (long i = 0; i < records; i++) {
        json.setLength(0);
        envelope(json, i, random, hotEvery);
        int partition = (int) (i % partitions);
        producer.send(
            new ProducerRecord<>(
                topic, partition, null, json.toString().getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  static void envelope(StringBuilder json, long i, SplittableRandom random) {
    envelope(json, i, random, 0);
  }

  static void envelope(StringBuilder json, long i, SplittableRandom random, int hotEvery) {
    boolean v1 = hotEvery > 0 ? i % hotEvery != 0 : i % 2 == 0;
    json.append("{\"dataset\":\"")
        .append(DATASET)
        .append("\",\"version\":\"")
        .append(v1 ? "v1" : "v2")
        .append("\",\"event_time\":")
        .append(START_MILLIS + i)
        .append(",\"cohort_key\":\"c-")
        .append(i % 100_000)
        .append("\",\"fields\":{");
    for (int f = 0; f < FIELDS; f++) {
      if (f > 0) {
        json.append(',');
      }
      json.append("\"f").append(f).append("\":");
      if (f < FIELDS / 2) {
        json.append(Math.round(random.nextDouble(-1_000, 1_000) * 1e4) / 1e4);
      } else {
        json.append(random.nextInt(1_000_000));
      }
    }
    json.append("}}");
  }

  /**
   * Consumer settings for both sides of a comparison, from system properties {@code
   * -Dconsumer.<key>=<value>}: the raw consumer takes them as they are, the job as {@code
   * driftgate.kafka.properties.<key>}, so that a setting is tried on the ceiling and the job alike.
   */
  public static Map<String, String> consumerProperties() {
    Map<String, String> properties = new java.util.TreeMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            name -> {
              if (name.startsWith("consumer.")) {
                properties.put(name.substring("consumer.".length()), System.getProperty(name));
              }
            });
    return properties;
  }

  /**
   * Reads every record of {@code topic} from the beginning to the end offsets seen at the start,
   * summing value lengths so each value is touched.
   *
   * @return elapsed nanoseconds, from the first poll to the last record
   */
  public static long rawConsume(String bootstrap, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.putAll(consumerProperties());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      long remaining = ends.values().stream().mapToLong(Long::longValue).sum();
      long bytes = 0;
      long start = System.nanoTime();
      long deadline = start + TIMEOUT.toNanos();
      while (remaining > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(remaining + " records of " + topic + " left unread");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          bytes += record.value().length;
          remaining--;
        }
      }
      long elapsed = System.nanoTime() - start;
      sink = bytes;
      return elapsed;
    }
  }

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String topic = "bench-records";
    try (KafkaBroker broker = new KafkaBroker()) {
      broker.start();
      broker.createTopic(topic, partitions);
      long fillStart = System.nanoTime();
      fill(broker.bootstrapServers(), topic, partitions, records, 42L);
      System.out.printf(
          "filled %,d records into %d partitions in %.1f s%n",
          records, partitions, (System.nanoTime() - fillStart) / 1e9);
      for (int run = 1; run <= runs; run++) {
        long nanos = rawConsume(broker.bootstrapServers(), topic);
        System.out.printf(
            "run %d: raw consumer read %,d records in %.2f s = %,.0f records/s (%,d value bytes)%n",
            run, records, nanos / 1e9, records * 1e9 / nanos, sink);
      }
    }
  }
}
