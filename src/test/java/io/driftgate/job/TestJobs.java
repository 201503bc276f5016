package io.driftgate.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The configuration every in-process test job shares: its own topics and consumer group, a
 * one-minute tick, no out-of-orderness (test producers write in event-time order) and fast
 * checkpoints, so the exactly-once sinks commit soon after the input ends.
 */
public final class TestJobs {

  private TestJobs() {}

  /**
   * The sum over subtasks of a finished job's driftgate counters whose scoped name (the metric
   * group's scope components and the metric's name, joined by dots) {@code scope} accepts.
   */
  public static long counterSum(
      InMemoryReporter metrics, JobExecutionResult result, Predicate<String> scope) {
    long sum = 0;
    for (var metric : metrics.findJobMetricGroups(result.getJobID(), ".*")) {
      String name = String.join(".", metric.f0.getScopeComponents()) + "." + metric.f1;
      if (name.contains("." + JobMetrics.GROUP + ".")
          && scope.test(name)
          && metric.f2 instanceof Counter counter) {
        sum += counter.getCount();
      }
    }
    return sum;
  }

  /**
   * The MiniCluster every job test runs on: one TaskManager with two slots, enough for a job at
   * parallelism 2 with its sources and sinks sharing slots.
   */
  public static MiniClusterExtension miniCluster(Configuration configuration) {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(configuration)
            .build());
  }

  /** A test's six topics, named {@code <prefix>-records}, {@code <prefix>-control}, .... */
  public record Topics(String prefix) {
    public String records() {
      return prefix + "-records";
    }

    public String control() {
      return prefix + "-control";
    }

    public String deadLetters() {
      return prefix + "-dlq";
    }

    public String drift() {
      return prefix + "-drift";
    }

    public String events() {
      return prefix + "-events";
    }

    public String routing() {
      return prefix + "-routing";
    }

    /** Creates the topics: two partitions for records and events, a compacted routing topic. */
    public Topics create(KafkaBroker kafka) {
      kafka.createTopic(records(), 2);
      kafka.createTopic(control(), 1);
      kafka.createTopic(deadLetters(), 1);
      kafka.createTopic(drift(), 1);
      kafka.createTopic(events(), 2);
      kafka.createCompactedTopic(routing(), 1);
      return this;
    }
  }

  /**
   * @param bounded whether the job reads its topics to their current end and finishes
   */
  public static Configuration config(
      KafkaBroker kafka,
      JdbcSettings db,
      Topics topics,
      String group,
      String contractsDir,
      boolean bounded,
      int parallelism) {
    Configuration config = new Configuration();
    config.set(DriftgateOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    config.set(DriftgateOptions.GROUP_ID, group);
    config.set(DriftgateOptions.TRANSACTIONAL_ID_PREFIX, group);
    config.set(DriftgateOptions.STARTING_OFFSETS, DriftgateOptions.StartingOffsets.EARLIEST);
    config.set(DriftgateOptions.BOUNDED, bounded);
    config.set(DriftgateOptions.RECORDS_TOPIC, topics.records());
    config.set(DriftgateOptions.CONTROL_TOPIC, topics.control());
    config.set(DriftgateOptions.DEAD_LETTER_TOPIC, topics.deadLetters());
    config.set(DriftgateOptions.DRIFT_RESULTS_TOPIC, topics.drift());
    config.set(DriftgateOptions.ROLLOUT_EVENTS_TOPIC, topics.events());
    config.set(DriftgateOptions.ROUTING_TOPIC, topics.routing());
    config.set(DriftgateOptions.JDBC_URL, db.url());
    config.set(DriftgateOptions.JDBC_USER, db.user());
    config.set(DriftgateOptions.CONTRACTS_DIR, contractsDir);
    config.set(DriftgateOptions.EVALUATION_TICK, Duration.ofMinutes(1));
    config.set(DriftgateOptions.OUT_OF_ORDERNESS, Duration.ZERO);
    config.set(DriftgateOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
    config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return config;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sends {@code rows} to {@code topic} with their keys and Kafka timestamps, flushed. */
  public static void produce(KafkaBroker kafka, String topic, List<Produced> rows) {
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer(Map.of())) {
      for (Produced row : rows) {
        producer.send(new ProducerRecord<>(topic, null, row.timestamp(), row.key(), row.value()));
      }
      producer.flush();
    }
  }

  /** The committed messages of {@code topic} as JSON, once no transaction is open on it. */
  public static List<JsonNode> jsonValues(KafkaBroker kafka, String topic) {
    List<JsonNode> nodes = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.consumeAll(topic, Duration.ofSeconds(60))) {
      try {
        nodes.add(JSON.readTree(record.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return nodes;
  }
}
