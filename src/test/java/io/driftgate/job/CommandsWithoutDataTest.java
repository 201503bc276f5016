package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, end to end: an unbounded job whose records have stopped still applies a rollback within
 * seconds, and a bounded replay of the same topics reaches the same final tables. The sources'
 * idleness is ten minutes, so only the commands' deadline can be what applies them.
 */
class CommandsWithoutDataTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final Duration POLL_DEADLINE = Duration.ofSeconds(60);

  /**
   * Minute 0 of this test's records, half an hour ago: a command is not applied before its own time
   * has come on the job's clock, so the fixtures must lie in the past of the wall clock.
   */
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

  private final List<JdbcSettings> databases = new ArrayList<>();
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() {
    topics = new TestJobs.Topics("live-" + UUID.randomUUID().toString().substring(0, 8));
    // One partition each: an empty partition of an unbounded source would hold the watermark back
    // for the whole idleness timeout.
    KAFKA.createTopic(topics.records(), 1);
    KAFKA.createTopic(topics.control(), 1);
    createOutputs(topics);
  }

  @AfterEach
  void tearDown() {
    databases.forEach(TestDatabases::release);
  }

  @Test
  void aRollbackActsWithoutDataAndAReplayEndsInTheSameTables() throws Exception {
    JdbcSettings live = database();
    produce(ItRecords.rows(t0, 10, Stream.healthy("v1", 0, 6), Stream.healthy("v2", 0, 6)));
    control(
        new Command.Start(
            "c-start", ItRecords.DATASET, "release-bot", minute(1), "v2", "v1", null));

    Configuration config =
        TestJobs.config(KAFKA, live, topics, topics.prefix() + "-live", CONTRACTS, false, 1);
    config.set(DriftgateOptions.IDLENESS, Duration.ofMinutes(10));
    JobClient job = DriftgateJob.prepare(config).executeAsync("commands-without-data");
    List<String> liveAlias;
    List<String> liveRouting;
    List<List<String>> liveEvents;
    try {
      awaitRow(live, ROUTING, row -> row.get(3).equals("1000"));

      // The records have all been read; no more come. An operator rolls back.
      control(
          new Command.ManualRollback(
              "c-rollback", ItRecords.DATASET, "ops", minute(7), "incident"));
      long sent = System.nanoTime();
      liveRouting = awaitRow(live, ROUTING, row -> row.get(3).equals("0"));
      liveAlias = awaitRow(live, ALIAS, row -> "MANUAL".equals(row.get(3)));
      System.out.printf(
          "rollback applied within %d ms without data%n", (System.nanoTime() - sent) / 1_000_000);

      assertThat(liveAlias.get(1)).as("alias on the baseline").isEqualTo("v1");
      assertThat(liveRouting.subList(1, 4)).containsExactly("v1", "null", "0");
      liveEvents = TestDatabases.rows(live, EVENTS);
      assertThat(liveEvents)
          .extracting(row -> row.get(1))
          .containsSubsequence("STARTED", "AWAITING_APPROVAL", "ROLLED_BACK")
          .doesNotContain("ADVANCED");
    } finally {
      job.cancel().get();
    }

    JdbcSettings replay = database();
    TestJobs.Topics replayOutputs = createOutputs(new TestJobs.Topics(topics.prefix() + "-replay"));
    Configuration bounded =
        TestJobs.config(KAFKA, replay, replayOutputs, replayOutputs.prefix(), CONTRACTS, true, 1);
    bounded.set(DriftgateOptions.RECORDS_TOPIC, topics.records());
    bounded.set(DriftgateOptions.CONTROL_TOPIC, topics.control());
    DriftgateJob.run(bounded);

    assertThat(TestDatabases.rows(replay, ALIAS)).containsExactly(liveAlias);
    assertThat(TestDatabases.rows(replay, ROUTING)).containsExactly(liveRouting);
    // The rollback overtook only minute 5's window, still open when the records stopped; the
    // replay applies it first, and awaiting approval it decides nothing: the logs are the same.
    assertThat(TestDatabases.rows(replay, EVENTS)).isEqualTo(liveEvents);
  }

  // --- helpers ---

  private static final String ALIAS =
      "SELECT dataset, version, generation, reason, decision_id FROM dataset_alias";
  private static final String ROUTING =
      "SELECT dataset, baseline_version, candidate_version, exposure_bp, salt, stage,"
          + " decision_sequence, updated_at FROM cohort_routing";
  private static final String EVENTS =
      "SELECT decision_id, kind, decided_at FROM rollout_event ORDER BY sequence";

  private Instant minute(double minutes) {
    return t0.plusMillis(Math.round(minutes * 60_000));
  }

  private JdbcSettings database() throws Exception {
    JdbcSettings db = TestDatabases.postgres();
    databases.add(db);
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", t0);
    return db;
  }

  private static TestJobs.Topics createOutputs(TestJobs.Topics outputs) {
    KAFKA.createTopic(outputs.deadLetters(), 1);
    KAFKA.createTopic(outputs.drift(), 1);
    KAFKA.createTopic(outputs.events(), 1);
    KAFKA.createCompactedTopic(outputs.routing(), 1);
    return outputs;
  }

  private void produce(List<Produced> rows) {
    try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer(java.util.Map.of())) {
      for (Produced row : rows) {
        producer.send(
            new ProducerRecord<>(topics.records(), null, row.timestamp(), row.key(), row.value()));
      }
      producer.flush();
    }
  }

  private void control(Command command) {
    KAFKA.produce(
        topics.control(),
        ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
        ControlJson.toBytes(command),
        System.currentTimeMillis());
  }

  /** Polls until {@code sql}'s single row satisfies {@code done}; fails after the deadline. */
  private static List<String> awaitRow(JdbcSettings db, String sql, Predicate<List<String>> done)
      throws Exception {
    long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
    List<List<String>> rows = List.of();
    while (System.nanoTime() < deadline) {
      rows = TestDatabases.rows(db, sql);
      if (rows.size() == 1 && done.test(rows.get(0))) {
        return rows.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("after " + POLL_DEADLINE + ", " + sql + " still gives " + rows);
  }
}
