package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replay of year-old data against topics with Kafka's default 7-day retention, checked every half
 * second: everything the job wrote is still there after a retention check, because output records
 * carry the time they were produced as their Kafka timestamp (the event time is in the payload).
 * With the event time as the Kafka timestamp, the check deletes them all.
 */
class RetentionReplayTest {

  private static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final KafkaBroker KAFKA =
      new KafkaBroker(
          Map.of(
              "log.retention.ms", String.valueOf(RETENTION.toMillis()),
              "log.retention.check.interval.ms", "500",
              "log.initial.task.delay.ms", "0"));

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  /** Minute 0 of the replayed data: a year before the test runs. */
  private final Instant yearAgo =
      Instant.now().minus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MINUTES);

  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", yearAgo);
    topics =
        new TestJobs.Topics("ret-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void outputsOfAReplayOfYearOldDataOutliveARetentionCheck() throws Exception {
    List<Produced> rows =
        new ArrayList<>(
            ItRecords.rows(yearAgo, 6, Stream.healthy("v1", 0, 8), new Stream("v2", 0, 8, 3)));
    rows.add(ItRecords.produced("bad", "{not json", yearAgo.toEpochMilli()));
    replay(rows);
    control(
        new Command.Start("c-start", ItRecords.DATASET, "release-bot", minute(1), "v2", "v1", null),
        new Command.Approve("c-approve", ItRecords.DATASET, "alice", minute(1), 1));
    long jobStarted = System.currentTimeMillis();

    DriftgateJob.run(
        TestJobs.config(
            KAFKA, db, topics, topics.prefix(), "src/test/resources/it-contracts", true, 1));
    List<String> outputs =
        List.of(topics.events(), topics.drift(), topics.deadLetters(), topics.routing());
    outputs.forEach(topic -> KAFKA.awaitTransactionsSettled(topic, TIMEOUT));
    awaitRetentionCheck();

    for (String topic : outputs) {
      assertThat(KAFKA.logStartOffsets(topic, TIMEOUT))
          .as("deleted from %s", topic)
          .containsOnly(0L);
      assertThat(KAFKA.consumeAll(topic, TIMEOUT))
          .as("records of %s stamped with the time they were produced", topic)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(jobStarted));
    }
    assertThat((long) KAFKA.consumeAll(topics.events(), TIMEOUT).size())
        .isEqualTo(count("SELECT COUNT(*) FROM rollout_event"))
        .isPositive();
    assertThat(decisionKinds()).contains("ROLLED_BACK");
    long gateResults = 0;
    for (ConsumerRecord<byte[], byte[]> evaluation : KAFKA.consumeAll(topics.drift(), TIMEOUT)) {
      gateResults += JSON.readTree(evaluation.value()).get("results").size();
    }
    assertThat(gateResults).isEqualTo(count("SELECT COUNT(*) FROM drift_result")).isPositive();
    assertThat(KAFKA.consumeAll(topics.deadLetters(), TIMEOUT)).hasSize(1);
  }

  /**
   * Waits until the broker has run a retention check after the job's output was written: a canary
   * record stamped a year ago, written now, is gone once a check has run.
   */
  private void awaitRetentionCheck() throws InterruptedException {
    String canary = topics.prefix() + "-canary";
    KAFKA.createTopic(canary, 1);
    KAFKA.produce(canary, new byte[0], new byte[0], yearAgo.toEpochMilli());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (KAFKA.logStartOffsets(canary, TIMEOUT).get(0) == 0L) {
      assertThat(System.nanoTime())
          .as("a retention check deleted the canary within %s", TIMEOUT)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private Instant minute(double minutes) {
    return yearAgo.plusMillis(Math.round(minutes * 60_000));
  }

  /** Writes the rows as a replay would: stamped by the producer, now, not with their event time. */
  private void replay(List<Produced> rows) {
    try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer(Map.of())) {
      for (Produced row : rows) {
        producer.send(new ProducerRecord<>(topics.records(), row.key(), row.value()));
      }
      producer.flush();
    }
  }

  private void control(Command... commands) {
    for (Command command : commands) {
      KAFKA.produce(
          topics.control(),
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          ControlJson.toBytes(command),
          System.currentTimeMillis());
    }
  }

  private List<String> decisionKinds() throws IOException {
    List<String> kinds = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topics.events(), TIMEOUT)) {
      kinds.add(JSON.readTree(record.value()).get("kind").asText());
    }
    return kinds;
  }

  private long count(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
