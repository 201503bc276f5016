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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10: the whole job against the real PostgreSQL while the database refuses it for 60 s around
 * a rollback. The job logs in as a role of its own, and the outage is that role losing its login
 * ({@code NOLOGIN}) and its sessions, as an operator would cut a client off — the test's own
 * superuser connections, and every other test's, go on.
 */
class DatabaseAccessRevokedTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      TestJobs.miniCluster(METRICS.addToConfiguration(new Configuration()));

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  /** How long a condition the test waits for may take before the test fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static final String ALIAS = "SELECT dataset, version, reason FROM dataset_alias";
  private static final String ROUTING = "SELECT dataset, exposure_bp FROM cohort_routing";
  private static final String ROLLED_BACK = "kind = 'ROLLED_BACK'";

  /** Minute 0 of the records, in the wall clock's past: see {@link CommandsWithoutDataTest}. */
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));

  private final String role =
      "dg_job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", t0);
    String schema = TestDatabases.rows(db, "SELECT current_schema()").get(0).get(0);
    admin(
        "CREATE ROLE " + role + " LOGIN",
        "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
    topics = new TestJobs.Topics("revoked-" + UUID.randomUUID().toString().substring(0, 8));
    // One partition each, so that no empty partition holds the watermark back.
    KAFKA.createTopic(topics.records(), 1);
    KAFKA.createTopic(topics.control(), 1);
    KAFKA.createTopic(topics.deadLetters(), 1);
    KAFKA.createTopic(topics.drift(), 1);
    KAFKA.createTopic(topics.events(), 1);
    KAFKA.createCompactedTopic(topics.routing(), 1);
  }

  @AfterEach
  void tearDown() throws SQLException {
    try {
      TestDatabases.release(db);
    } finally {
      admin(
          "ALTER ROLE " + role + " NOLOGIN",
          terminateSessions(),
          "DROP OWNED BY " + role,
          "DROP ROLE " + role);
    }
  }

  @Test
  void aRollbackDuringAnOutageIsAppliedOnceAfterItWithoutARestart() throws Exception {
    produce(ItRecords.rows(t0, 11, Stream.healthy("v1", 0, 6), Stream.healthy("v2", 0, 6)));
    control(
        new Command.Start(
            "c-start", ItRecords.DATASET, "release-bot", minute(1), "v2", "v1", null));
    Configuration config =
        TestJobs.config(
            KAFKA,
            new JdbcSettings(db.url(), role, null),
            topics,
            topics.prefix(),
            CONTRACTS,
            false,
            1);
    config.set(DriftgateOptions.JDBC_MIGRATE, false);
    // Idle inputs release event time at once, so that the records' windows are all evaluated.
    config.set(DriftgateOptions.IDLENESS, Duration.ofSeconds(1));
    JobClient job = DriftgateJob.prepare(config).executeAsync("database-access-revoked");
    try {
      JobID id = job.getJobID();
      // Nothing left to write: stage 1 awaits approval, and minute 5's window, the last the records
      // close, is evaluated. A write still pending would meet the outage and hold the controller,
      // chained with the sinks, so that the rollback would be decided only after it.
      await(
          "stage 1 awaiting approval, minute 5 evaluated",
          () ->
              row(ROUTING).equals(List.of("it.features", "1000"))
                  && count("rollout_event", "kind = 'AWAITING_APPROVAL'") == 1
                  && count("drift_result", "window_end = '" + minute(5) + "'") > 0);

      admin("ALTER ROLE " + role + " NOLOGIN", terminateSessions());
      long revoked = System.nanoTime();
      control(
          new Command.ManualRollback(
              "c-rollback", ItRecords.DATASET, "ops", minute(7), "incident"));
      await("the rollback decided", () -> sum(id, ".dataset.it.features.rollbacks") == 1);
      await(
          "database_unreachable at 1", () -> maxGauge(id, ".driftgate.database_unreachable") == 1);
      assertThat(count("alias_history", ROLLED_BACK))
          .as("nothing written while access is revoked")
          .isZero();
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - revoked) / 1_000_000));
      assertThat(maxGauge(id, ".driftgate.database_unreachable")).as("still waiting").isEqualTo(1);
      admin("ALTER ROLE " + role + " LOGIN");

      await(
          "the alias back on the baseline",
          () -> row(ALIAS).equals(List.of("it.features", "v1", "MANUAL")));
      await("exposure 0", () -> row(ROUTING).equals(List.of("it.features", "0")));
      await(
          "database_unreachable back at 0",
          () -> maxGauge(id, ".driftgate.database_unreachable") == 0);

      assertThat(count("alias_history", ROLLED_BACK))
          .as("alias_history rows of the rollback")
          .isEqualTo(1);
      assertThat(count("rollout_event", ROLLED_BACK))
          .as("rollout_event rows of the rollback")
          .isEqualTo(1);
      assertThat(sum(id, ".driftgate.database_retries")).isPositive();
      assertThat(maxGauge(id, ".numRestarts")).as("restarts").isZero();
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
      await("the job cancelled", () -> job.getJobStatus().get().isGloballyTerminalState());
    }
  }

  // --- helpers ---

  private Instant minute(double minutes) {
    return t0.plusMillis(Math.round(minutes * 60_000));
  }

  private String terminateSessions() {
    return "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'";
  }

  /** Runs {@code sql} as the test server's superuser, whose access is never revoked. */
  private void admin(String... sql) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  private List<String> row(String sql) throws SQLException {
    List<List<String>> rows = TestDatabases.rows(db, sql);
    return rows.size() == 1 ? rows.get(0) : List.of();
  }

  private long count(String table, String where) throws SQLException {
    return Long.parseLong(row("SELECT count(*) FROM " + table + " WHERE " + where).get(0));
  }

  private static long sum(JobID job, String suffix) {
    return metrics(job, suffix)
        .filter(Counter.class::isInstance)
        .mapToLong(counter -> ((Counter) counter).getCount())
        .sum();
  }

  /** The largest value of the gauges named {@code suffix}; fails if the job has none. */
  private static long maxGauge(JobID job, String suffix) {
    return metrics(job, suffix)
        .filter(Gauge.class::isInstance)
        .mapToLong(gauge -> ((Number) ((Gauge<?>) gauge).getValue()).longValue())
        .max()
        .orElseThrow(() -> new AssertionError("no gauge " + suffix));
  }

  /** The job's metrics whose scoped name ends with {@code suffix}, JobManager's and tasks'. */
  private static java.util.stream.Stream<Metric> metrics(JobID job, String suffix) {
    return METRICS.findJobMetricGroups(job, ".*").stream()
        .filter(m -> (String.join(".", m.f0.getScopeComponents()) + "." + m.f1).endsWith(suffix))
        .map(m -> m.f2);
  }

  private void produce(List<Produced> rows) {
    TestJobs.produce(KAFKA, topics.records(), rows);
  }

  private void control(Command command) {
    KAFKA.produce(
        topics.control(),
        ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
        ControlJson.toBytes(command),
        System.currentTimeMillis());
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime() < deadline).as("%s within %s", what, PATIENCE).isTrue();
      Thread.sleep(200);
    }
  }
}
