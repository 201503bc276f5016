package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.preflight.ParquetVersions;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.PreflightJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster: a JobManager and a TaskManager process
 * started from Flink's Maven artifacts, the jar uploaded and run through the REST API as an
 * operator would, a short healthy rollout read from the test Kafka, and the promotion checked in
 * PostgreSQL's alias table. Runs in {@code integration-test} (Failsafe), after {@code package} has
 * built the jar; the cluster's {@code lib/} comes from {@code src/test/flink-cluster/pom.xml}.
 */
class StandaloneClusterIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  private static StandaloneCluster cluster;

  @AfterAll
  static void stopCluster() {
    // A safety net: the test stops the cluster itself, also when it fails.
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * The preflight as a data engineer runs it: {@code flink run driftgate.jar preflight ...} through
   * Flink's own client, against the cluster, reading Parquet exports with the shaded jar's file
   * source and formats on the TaskManager. The file it writes is what {@code rollout start
   * --preflight} sends.
   */
  @Test
  void flinkRunPreflightReadsParquetWithTheShadedJar(@TempDir Path lake) throws Exception {
    Path jobJar = Path.of(property("driftgate.job-jar"));
    Path repo = Path.of(property("driftgate.repo"));
    Instant from = ItRecords.T0.minus(Duration.ofDays(1));
    Path v1 = ParquetVersions.write(lake, "v1", 2000, 0.0, 0, 1, from);
    Path v2 = ParquetVersions.write(lake, "v2", 2000, 0.5, 0, 2, from);
    Path out = lake.resolve("preflight-v2.json");
    cluster =
        StandaloneCluster.start(
            Path.of(property("driftgate.flink-cluster.lib")),
            repo.resolve("target/flink-cluster"),
            1,
            Map.of());
    try {
      StandaloneCluster.ClientRun run =
          cluster.flinkRun(
              jobJar,
              List.of(
                  "preflight",
                  "--dataset",
                  ItRecords.DATASET,
                  "--candidate",
                  "v2",
                  "--candidate-source",
                  "parquet:" + v2 + ";event-time=column:ts",
                  "--baseline",
                  "v1",
                  "--baseline-source",
                  "parquet:" + v1 + ";event-time=column:ts",
                  "--out",
                  out.toString(),
                  "--driftgate.contracts.dir=" + repo.resolve("src/test/resources/it-contracts")),
              JOB_TIMEOUT);

      assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
      assertThat(run.output())
          .contains("preflight failed (2000 candidate records against 2000 baseline records)")
          .contains("violation_rate breached")
          .contains("wrote " + out);
      PreflightJson.File file = PreflightJson.fromFile(Files.readAllBytes(out));
      assertThat(file.verdict()).isEqualTo("FAIL");
      assertThat(DatasetProfile.fromBytes(file.preflight().candidateProfile()).violatingRecords())
          .isEqualTo(1000);
      assertThat(DatasetProfile.fromBytes(file.preflight().baselineProfile()).records())
          .isEqualTo(2000);
    } finally {
      cluster.close();
      cluster = null;
    }
  }

  @Test
  void shadedJarPromotesAHealthyRolloutOnAStandaloneCluster() throws Exception {
    Path jobJar = Path.of(property("driftgate.job-jar"));
    assertThat(jobJar).as("the shaded job jar (built by `package`)").isRegularFile();
    Path repo = Path.of(property("driftgate.repo"));

    JdbcSettings db =
        TestDatabases.postgres(); // skips (or fails under CI) before starting anything
    String jobId = null;
    try {
      new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
      String prefix = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
      String records = prefix + "-records";
      String control = prefix + "-control";
      String events = prefix + "-events";
      KAFKA.createTopic(records, 2);
      KAFKA.createTopic(control, 1);
      KAFKA.createTopic(prefix + "-dlq", 1);
      KAFKA.createTopic(prefix + "-drift", 1);
      KAFKA.createTopic(events, 2);
      KAFKA.createCompactedTopic(prefix + "-routing", 1);
      produce(records, ItRecords.rows(11, Stream.healthy("v1", 0, 9), Stream.healthy("v2", 0, 9)));
      control(control, start(1), approve(2, 1));

      Map<String, String> environment = new HashMap<>();
      if (db.password() != null) {
        environment.put("DRIFTGATE_JDBC_PASSWORD", db.password());
      }
      cluster =
          StandaloneCluster.start(
              Path.of(property("driftgate.flink-cluster.lib")),
              repo.resolve("target/flink-cluster"),
              2,
              environment);

      String jarId = cluster.uploadJar(jobJar);
      jobId = cluster.runJar(jarId, runArguments(prefix, prefix, db, repo));

      String state = cluster.awaitTermination(jobId, JOB_TIMEOUT);
      assertThat(state).as("state of job %s", jobId).isEqualTo("FINISHED");
      assertThat(failures(jobId)).as("failures of job %s", jobId).isEmpty();

      // A second job on the same TaskManager (its own group and transactions, the same input):
      // its writes must succeed on the first try. With connections from DriverManager its first
      // write failed ("No suitable driver"), and the job restarted once.
      String secondPrefix = prefix + "-second";
      jobId = cluster.runJar(jarId, runArguments(prefix, secondPrefix, db, repo));
      state = cluster.awaitTermination(jobId, JOB_TIMEOUT);
      assertThat(state).as("state of the second job %s", jobId).isEqualTo("FINISHED");
      assertThat(failures(jobId)).as("failures of the second job %s", jobId).isEmpty();

      assertThat(
              TestDatabases.rows(
                  db,
                  "SELECT version, generation FROM dataset_alias WHERE dataset = 'it.features'"))
          .containsExactly(List.of("v2", "2"));
      assertThat(
              TestDatabases.rows(
                  db, "SELECT kind, from_version, to_version, outcome FROM alias_history"))
          .containsExactly(List.of("PROMOTED", "v1", "v2", "APPLIED"));
      assertThat(kindsOnceDecided(events, "PROMOTED"))
          .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "ADVANCED", "PROMOTED")
          .doesNotContain("ROLLED_BACK");
    } catch (Exception | AssertionError e) {
      if (cluster != null) {
        e.addSuppressed(new Exception("the cluster's state\n" + cluster.diagnostics(jobId)));
      }
      throw e;
    } finally {
      List<Long> pids = cluster == null ? List.of() : cluster.pids();
      if (cluster != null) {
        cluster.close();
        cluster = null;
      }
      TestDatabases.release(db);
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
            .as("Flink process %d is stopped", pid)
            .isEmpty();
      }
    }
  }

  /**
   * A TaskManager killed with SIGKILL mid-rollout and replaced: the job restarts from its last
   * checkpoint, the rollout is promoted once, and every table is what a failure-free bounded replay
   * of the same topics writes into a fresh schema — nothing lost, nothing doubled.
   */
  @Test
  void aTaskManagerKilledMidRolloutLeavesTheTablesOfAFailureFreeRun() throws Exception {
    Path jobJar = Path.of(property("driftgate.job-jar"));
    Path repo = Path.of(property("driftgate.repo"));
    JdbcSettings live = TestDatabases.postgres();
    JdbcSettings replay = TestDatabases.postgres();
    String jobId = null;
    try {
      for (JdbcSettings db : List.of(live, replay)) {
        new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
      }
      String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 8);
      KAFKA.createTopic(prefix + "-records", 2);
      KAFKA.createTopic(prefix + "-control", 1);
      KAFKA.createTopic(prefix + "-dlq", 1);
      KAFKA.createTopic(prefix + "-drift", 1);
      KAFKA.createTopic(prefix + "-events", 2);
      KAFKA.createCompactedTopic(prefix + "-routing", 1);
      List<Produced> rows =
          ItRecords.rows(17, Stream.healthy("v1", 0, 9), Stream.healthy("v2", 0, 9));
      long half = minute(6).toEpochMilli(); // through minute 5: stage 2 entered, not promoted
      produce(prefix + "-records", rows.stream().filter(r -> r.timestamp() < half).toList());
      control(prefix + "-control", start(1), approve(2, 1));

      Map<String, String> environment = new HashMap<>();
      if (live.password() != null) {
        environment.put("DRIFTGATE_JDBC_PASSWORD", live.password());
      }
      cluster =
          StandaloneCluster.start(
              Path.of(property("driftgate.flink-cluster.lib")),
              repo.resolve("target/flink-cluster"),
              2,
              environment);
      String jarId = cluster.uploadJar(jobJar);
      jobId = cluster.runJar(jarId, runArguments(prefix, prefix, live, repo, false));

      // Mid-rollout: stage 2 entered, not promoted.
      awaitRow(live, "SELECT kind FROM rollout_event WHERE kind = 'ADVANCED'");
      cluster.killTaskManager();
      produce(prefix + "-records", rows.stream().filter(r -> r.timestamp() >= half).toList());
      cluster.restartTaskManager(2);
      awaitRow(live, "SELECT kind FROM rollout_event WHERE kind = 'PROMOTED'");
      assertThat(failures(jobId)).as("the kill cost the job a restart").isNotEmpty();
      cluster.cancel(jobId);
      assertThat(cluster.awaitTermination(jobId, JOB_TIMEOUT)).isEqualTo("CANCELED");

      jobId = cluster.runJar(jarId, runArguments(prefix, prefix + "-replay", replay, repo, true));
      assertThat(cluster.awaitTermination(jobId, JOB_TIMEOUT)).isEqualTo("FINISHED");

      for (String table : COMPARED) {
        assertThat(TestDatabases.rows(live, table))
            .as("%s after the kill, against the failure-free replay", table)
            .isNotEmpty()
            .isEqualTo(TestDatabases.rows(replay, table));
      }
      assertThat(
              TestDatabases.rows(
                  live, "SELECT kind, from_version, to_version, outcome FROM alias_history"))
          .containsExactly(List.of("PROMOTED", "v1", "v2", "APPLIED"));
    } catch (Exception | AssertionError e) {
      if (cluster != null) {
        e.addSuppressed(new Exception("the cluster's state\n" + cluster.diagnostics(jobId)));
      }
      throw e;
    } finally {
      if (cluster != null) {
        cluster.close();
        cluster = null;
      }
      TestDatabases.release(live);
      TestDatabases.release(replay);
    }
  }

  /**
   * The tables a failure must leave as a failure-free run writes them, without the columns that
   * record when a row was written (wall clock).
   */
  private static final List<String> COMPARED =
      List.of(
          "SELECT dataset, version, generation, reason, decision_id FROM dataset_alias",
          "SELECT dataset, from_version, to_version, generation, decision_id, kind, reason,"
              + " message, actor, decided_at, outcome, found_version, withdrawn_version"
              + " FROM alias_history ORDER BY decision_id",
          "SELECT decision_id, sequence, dataset, candidate_version, baseline_version, kind,"
              + " from_phase, to_phase, stage_index, exposure_bp, routing_changed, reason, message,"
              + " actor, decided_at, evidence, fingerprint FROM rollout_event ORDER BY sequence",
          "SELECT dataset, baseline_version, candidate_version, exposure_bp, salt, stage,"
              + " decision_sequence FROM cohort_routing",
          "SELECT dataset, candidate_version, baseline_version, gate, field, verdict, critical,"
              + " method, statistic, threshold, margin, p_value, fixed_sample_p_value,"
              + " sketch_error, alpha, candidate_count, baseline_count, window_start, window_end,"
              + " candidate_mean, baseline_mean FROM drift_result ORDER BY window_end, gate");

  /** Polls until {@code sql} returns a row, for at most the job timeout. */
  private static void awaitRow(JdbcSettings db, String sql) throws Exception {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (TestDatabases.rows(db, sql).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no row for " + sql + " within " + JOB_TIMEOUT);
      }
      Thread.sleep(500);
    }
  }

  /**
   * The job's arguments: {@code topics} names the topics to read and write, {@code identity} the
   * job's consumer group and transactional ids, so that two jobs can read the same input.
   */
  private static List<String> runArguments(
      String topics, String identity, JdbcSettings db, Path repo) {
    return runArguments(topics, identity, db, repo, true);
  }

  private static List<String> runArguments(
      String topics, String identity, JdbcSettings db, Path repo, boolean bounded) {
    List<String> args = new ArrayList<>();
    args.add("run");
    args.add("--driftgate.kafka.bootstrap-servers=" + KAFKA.bootstrapServers());
    args.add("--driftgate.kafka.group-id=" + identity);
    args.add("--driftgate.kafka.transactional-id-prefix=" + identity);
    args.add("--driftgate.kafka.starting-offsets=EARLIEST");
    args.add("--driftgate.kafka.bounded=" + bounded);
    args.add("--driftgate.topics.records=" + topics + "-records");
    args.add("--driftgate.topics.control=" + topics + "-control");
    args.add("--driftgate.topics.dead-letters=" + topics + "-dlq");
    args.add("--driftgate.topics.drift-results=" + topics + "-drift");
    args.add("--driftgate.topics.rollout-events=" + topics + "-events");
    args.add("--driftgate.topics.routing=" + topics + "-routing");
    args.add("--driftgate.jdbc.url=" + db.url());
    args.add("--driftgate.jdbc.user=" + db.user());
    args.add("--driftgate.contracts.dir=" + repo.resolve("src/test/resources/it-contracts"));
    args.add("--driftgate.evaluation.tick=1 min");
    args.add("--driftgate.watermark.out-of-orderness=0 s");
    args.add("--driftgate.checkpoint.interval=1 s");
    args.add("-Dparallelism.default=2");
    return args;
  }

  /** The job's failures so far, from its exception history: each one cost a restart. */
  private static List<String> failures(String jobId) throws Exception {
    List<String> failures = new ArrayList<>();
    for (JsonNode entry :
        cluster.get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
      failures.add(
          entry.path("exceptionName").asText()
              + ": "
              + entry.path("stacktrace").asText().lines().findFirst().orElse(""));
    }
    return failures;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this IT through Maven (`./mvnw verify`)");
    }
    return value;
  }

  private static void produce(String topic, List<Produced> rows) {
    try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer(Map.of())) {
      for (Produced row : rows) {
        producer.send(new ProducerRecord<>(topic, null, row.timestamp(), row.key(), row.value()));
      }
      producer.flush();
    }
  }

  private static void control(String topic, byte[]... commands) {
    for (byte[] command : commands) {
      KAFKA.produce(
          topic,
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          command,
          System.currentTimeMillis());
    }
  }

  private static byte[] start(double atMinute) {
    return ControlJson.toBytes(
        new Command.Start(
            "c-start-v2", ItRecords.DATASET, "release-bot", minute(atMinute), "v2", "v1", null));
  }

  private static byte[] approve(int humanStage, double atMinute) {
    return ControlJson.toBytes(
        new Command.Approve(
            "c-approve-" + humanStage,
            ItRecords.DATASET,
            "alice",
            minute(atMinute),
            humanStage - 1));
  }

  /**
   * The decisions' kinds on the rollout-events topic, in decision order, once {@code last} is among
   * them or after a minute. The job's last transactions are committed before it finishes, but the
   * commit markers reach the partitions asynchronously, so a read-committed consumer may not see
   * them at once.
   */
  private static List<String> kindsOnceDecided(String topic, String last) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<String> kinds = kinds(topic);
      if (kinds.contains(last) || System.nanoTime() > deadline) {
        return kinds;
      }
      Thread.sleep(250);
    }
  }

  private static List<String> kinds(String topic) throws Exception {
    List<JsonNode> decisions = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topic, Duration.ofSeconds(60))) {
      decisions.add(JSON.readTree(record.value()));
    }
    decisions.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
    return decisions.stream().map(d -> d.get("kind").asText()).toList();
  }
}
