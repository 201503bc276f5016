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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented upgrade, mid-rollout: stop with a savepoint, restore with a contract whose field
 * {@code y} was replaced by {@code z}. Before, every restore failed on the first record or merge of
 * the old profiles' shape and the job looped. Now the job runs on (restarts are disabled, so a
 * single failure would end it), the rollout's evidence restarts with a decision that names the
 * change, and windows under the new contract are judged.
 */
class ContractUpgradeTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final Path CONTRACTS = Path.of("src/test/resources/it-contracts");
  private static final Duration POLL_DEADLINE = Duration.ofSeconds(90);

  /** Half an hour ago: commands are not applied before their own time on the job's clock. */
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

  @Test
  void aSavepointUpgradeThatReplacesAFieldRestartsTheEvidenceAndRunsOn(@TempDir Path dir)
      throws Exception {
    Path changed = Files.createDirectories(dir.resolve("contracts"));
    String contract = Files.readString(CONTRACTS.resolve("it.features.yaml"));
    String replaced =
        contract.replace(
            "      - name: y\n        logicalType: number\n",
            "      - name: z\n        logicalType: number\n");
    assertThat(replaced).isNotEqualTo(contract);
    Files.writeString(changed.resolve("it.features.yaml"), replaced);

    TestJobs.Topics topics =
        new TestJobs.Topics("upgrade-" + UUID.randomUUID().toString().substring(0, 8));
    // One partition each, so that no empty partition holds the watermark back.
    KAFKA.createTopic(topics.records(), 1);
    KAFKA.createTopic(topics.control(), 1);
    KAFKA.createTopic(topics.deadLetters(), 1);
    KAFKA.createTopic(topics.drift(), 1);
    KAFKA.createTopic(topics.events(), 1);
    KAFKA.createCompactedTopic(topics.routing(), 1);
    JdbcSettings db = TestDatabases.postgres();
    try {
      new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", t0);
      produce(
          topics, ItRecords.rows(t0, 12, Stream.healthy("v1", 0, 4), Stream.healthy("v2", 0, 4)));
      KAFKA.produce(
          topics.control(),
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          ControlJson.toBytes(
              new Command.Start(
                  "c-start", ItRecords.DATASET, "release-bot", minute(1), "v2", "v1", null)),
          System.currentTimeMillis());

      Configuration before = config(topics, db, CONTRACTS);
      JobClient first = DriftgateJob.prepare(before).executeAsync("before-upgrade");
      String savepoint;
      try {
        awaitCount(db, "SELECT count(*) FROM drift_result WHERE candidate_version = 'v2'", 1);
        savepoint =
            first
                .stopWithSavepoint(
                    false,
                    dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL)
                .get();
      } catch (Exception | AssertionError e) {
        first.cancel().get();
        throw e;
      }

      // The producers follow the new contract: y is gone, z is new.
      produce(
          topics,
          ItRecords.rows(t0, 12, Stream.healthy("v1", 4, 9), Stream.healthy("v2", 4, 9)).stream()
              .map(ContractUpgradeTest::withZInsteadOfY)
              .toList());
      Configuration after = config(topics, db, changed);
      after.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      JobClient second = DriftgateJob.prepare(after).executeAsync("after-upgrade");
      try {
        awaitCount(db, "SELECT count(*) FROM rollout_event WHERE reason = 'EVIDENCE_RESTARTED'", 1);
        String message =
            single(db, "SELECT message FROM rollout_event WHERE reason = 'EVIDENCE_RESTARTED'");
        assertThat(message).contains("fields added: [z]").contains("fields removed: [y]");
        // Windows under the new contract are judged, and nothing failed on the way.
        awaitCount(
            db,
            "SELECT count(*) FROM drift_result WHERE candidate_version = 'v2' AND window_end >= '"
                + minute(7)
                + "'",
            1);
        assertThat(second.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        assertThat(single(db, "SELECT count(*) FROM rollout_event WHERE kind = 'ROLLED_BACK'"))
            .isEqualTo("0");
      } finally {
        second.cancel().get();
      }
    } finally {
      TestDatabases.release(db);
    }
  }

  private static Configuration config(TestJobs.Topics topics, JdbcSettings db, Path contracts) {
    Configuration config =
        TestJobs.config(
            KAFKA, db, topics, topics.prefix(), contracts.toAbsolutePath().toString(), false, 1);
    // The control topic's one command holds event time at its own until the topic counts as idle.
    config.set(DriftgateOptions.IDLENESS, Duration.ofSeconds(3));
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    return config;
  }

  private Instant minute(double minutes) {
    return t0.plusMillis(Math.round(minutes * 60_000));
  }

  private static Produced withZInsteadOfY(Produced row) {
    String json = new String(row.value(), StandardCharsets.UTF_8).replace("\"y\":", "\"z\":");
    return new Produced(row.key(), json.getBytes(StandardCharsets.UTF_8), row.timestamp());
  }

  private static void produce(TestJobs.Topics topics, List<Produced> rows) {
    try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer(java.util.Map.of())) {
      for (Produced row : rows) {
        producer.send(
            new ProducerRecord<>(topics.records(), null, row.timestamp(), row.key(), row.value()));
      }
      producer.flush();
    }
  }

  /** Polls until {@code sql}'s count is at least {@code atLeast}; fails after the deadline. */
  private static void awaitCount(JdbcSettings db, String sql, long atLeast) throws Exception {
    long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
    String count = "0";
    while (System.nanoTime() < deadline) {
      count = single(db, sql);
      if (Long.parseLong(count) >= atLeast) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("after " + POLL_DEADLINE + ", " + sql + " gives " + count);
  }

  private static String single(JdbcSettings db, String sql) throws Exception {
    List<List<String>> rows = TestDatabases.rows(db, sql);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0).get(0);
  }
}
