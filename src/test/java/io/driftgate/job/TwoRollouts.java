package io.driftgate.job;

import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The input of the chaos and determinism tests: two rollouts of {@code it.features} in a row, one
 * promoted and one rolled back, so that both ways an alias decision can go are exercised. v2 is
 * rolled out over v1 and, healthy, promoted; then v3 is rolled out over v2 and, its {@code x}
 * shifted from its first minute, rolled back automatically.
 *
 * <p>Records are written round-robin to {@value #RECORD_PARTITIONS} partitions, each in event-time
 * order, so that at parallelism 2 and 4 every source subtask reads part of every window and the
 * partial profiles really are merged; keyed by version (as {@link ItRecords} keys them), they would
 * all land on two partitions.
 */
final class TwoRollouts {

  static final int RECORD_PARTITIONS = 4;

  /** Event-time minute of the second rollout's start, after the first is promoted. */
  static final double SECOND_START = 10;

  private TwoRollouts() {}

  static List<Produced> records(long seed) {
    return ItRecords.rows(
        seed,
        Stream.healthy("v1", 0, 9),
        Stream.healthy("v2", 0, 16),
        new Stream("v3", 10, 16, 10));
  }

  static List<Command> commands() {
    return List.of(
        new Command.Start(
            "c-start-v2", ItRecords.DATASET, "release-bot", ItRecords.minute(1), "v2", "v1", null),
        new Command.Approve("c-approve-v2", ItRecords.DATASET, "alice", ItRecords.minute(1), 1),
        new Command.Start(
            "c-start-v3",
            ItRecords.DATASET,
            "release-bot",
            ItRecords.minute(SECOND_START),
            "v3",
            "v2",
            null));
  }

  /** The records and control topics, with {@value #RECORD_PARTITIONS} record partitions. */
  static void createInputs(KafkaBroker kafka, TestJobs.Topics topics) {
    kafka.createTopic(topics.records(), RECORD_PARTITIONS);
    kafka.createTopic(topics.control(), 1);
  }

  /** The four output topics, as {@link TestJobs.Topics#create} makes them. */
  static TestJobs.Topics createOutputs(KafkaBroker kafka, TestJobs.Topics topics) {
    kafka.createTopic(topics.deadLetters(), 1);
    kafka.createTopic(topics.drift(), 1);
    kafka.createTopic(topics.events(), 2);
    kafka.createCompactedTopic(topics.routing(), 1);
    return topics;
  }

  /**
   * Writes the records, record i to partition i mod {@value #RECORD_PARTITIONS}, then the commands.
   */
  static void produce(KafkaBroker kafka, TestJobs.Topics topics, long seed) {
    List<Produced> rows = records(seed);
    try (KafkaProducer<byte[], byte[]> producer = kafka.producer(Map.of())) {
      for (int i = 0; i < rows.size(); i++) {
        Produced row = rows.get(i);
        producer.send(
            new ProducerRecord<>(
                topics.records(), i % RECORD_PARTITIONS, row.timestamp(), row.key(), row.value()));
      }
      producer.flush();
    }
    for (Command command : commands()) {
      kafka.produce(
          topics.control(),
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          ControlJson.toBytes(command),
          command.at().toEpochMilli());
    }
  }

  /** Where the alias stands before the first rollout, in a fresh schema. */
  static void seedAlias(JdbcSettings db) throws SQLException {
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
  }
}
