package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.cli.TestCli;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.preflight.ParquetVersions;
import io.driftgate.source.SourceSpec;
import io.driftgate.source.VersionSource;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's acceptance, from Parquet files: a data engineer registers the table at v1, runs the
 * preflight of v2 against v1, and starts the rollout with it. The running job judges the preflight,
 * exposes stage by stage on that evidence (no record of v2 ever reaches the records topic), and
 * promotes v2, whose location the alias then names. A v2 whose required column is half null fails
 * its preflight: no stage is ever exposed and {@code rollout_event} holds the evidence.
 */
class TableRolloutTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final String DATASET = "it.features";
  private static final Duration POLL_DEADLINE = Duration.ofMinutes(2);
  private static final String ALIAS =
      "SELECT version, location FROM dataset_alias_location WHERE dataset = 'it.features'";
  private static final String ROUTING =
      "SELECT baseline_version, candidate_version, exposure_bp FROM cohort_routing";

  /**
   * The commands are signed half an hour ago: the stages' minimum durations (two minutes) have then
   * passed on the job's clock, so the ticks that judge them are due at once.
   */
  private final Instant t0 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));

  @TempDir Path lake;
  private JdbcSettings db;
  private TestJobs.Topics topics;
  private OperatorShell shell;

  @BeforeEach
  void setUp() {
    db = TestDatabases.postgres();
    topics =
        new TestJobs.Topics("table-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
    shell = new OperatorShell(KAFKA, topics.control(), db);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void aParquetTablePassesItsPreflightAdvancesAndIsPromotedWithItsLocation() throws Exception {
    assertThat(
            shell
                .cli(
                    "register",
                    "--dataset",
                    DATASET,
                    "--version",
                    "v1",
                    "--location",
                    lake.resolve("v1").toString(),
                    "--actor",
                    "alice")
                .exitCode())
        .isZero();
    Path preflight = preflight(write("v2", 0.0, 2), write("v1", 0.0, 1), 0);
    assertThat(start(preflight, "alice").exitCode()).isZero();

    JobClient job = runJob();
    try {
      await(ROUTING, rows -> rows.contains(List.of("v1", "v2", "1000")));
      await("SELECT kind FROM rollout_event", rows -> rows.contains(List.of("AWAITING_APPROVAL")));
      assertThat(approve("bob").exitCode()).isZero();
      List<List<String>> alias =
          await(ALIAS, rows -> rows.equals(List.of(List.of("v2", lake.resolve("v2").toString()))));
      assertThat(alias).hasSize(1);
    } finally {
      job.cancel().get();
    }

    List<List<String>> events =
        TestDatabases.rows(
            db, "SELECT kind, reason, actor, message FROM rollout_event ORDER BY sequence");
    assertThat(events)
        .extracting(row -> row.get(0))
        .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "ADVANCED", "PROMOTED")
        .doesNotContain("REJECTED", "ROLLED_BACK");
    assertThat(events.get(0).get(3))
        .contains("preflight passed: 3000 candidate records against 3000 baseline records");
    assertThat(TestDatabases.rows(db, ROUTING))
        .as("everyone on v2 after the promotion")
        .containsExactly(List.of("v2", "null", "0"));
    assertThat(
            TestDatabases.rows(
                db,
                "SELECT COUNT(*), COUNT(DISTINCT gate), MIN(candidate_count), MAX(candidate_count)"
                    + " FROM drift_result WHERE candidate_version = 'v2'"))
        .as("the preflight's evaluation, once: one row per gate, of the whole candidate")
        .containsExactly(List.of("10", "10", "3000", "3000"));
    assertThat(
            TestDatabases.rows(
                db, "SELECT from_version, to_version, outcome FROM alias_history ORDER BY id"))
        .containsExactly(List.of("null", "v1", "APPLIED"), List.of("v1", "v2", "APPLIED"));
    assertThat(shell.cli("resolve", "--with-location", DATASET, "customer-42").out())
        .isEqualTo("v2\t" + lake.resolve("v2") + System.lineSeparator());
  }

  @Test
  void aRequiredColumnHalfNullFailsThePreflightAndNoStageIsEverExposed() throws Exception {
    assertThat(
            shell
                .cli("register", "--dataset", DATASET, "--version", "v1", "--actor", "alice")
                .exitCode())
        .isZero();
    Path preflight = preflight(write("v2", 0.5, 2), write("v1", 0.0, 1), 1);
    assertThat(start(preflight, "alice").exitCode()).isZero();

    JobClient job = runJob();
    try {
      await(
          "SELECT kind, reason FROM rollout_event",
          rows -> rows.contains(List.of("REJECTED", "PREFLIGHT_FAILED")));
    } finally {
      job.cancel().get();
    }

    assertThat(
            TestDatabases.rows(
                db,
                "SELECT message, evidence_gate, evidence_candidate_count FROM rollout_event"
                    + " WHERE reason = 'PREFLIGHT_FAILED'"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get(0))
                  .contains("start of v2 refused: preflight failed (3000 candidate records")
                  .contains("violation_rate breached");
              assertThat(row.get(1)).isEqualTo("violation_rate");
              assertThat(row.get(2)).isEqualTo("3000");
            });
    assertThat(TestDatabases.rows(db, "SELECT kind FROM rollout_event"))
        .containsExactly(List.of("REJECTED"));
    assertThat(TestDatabases.rows(db, ROUTING)).as("no stage, ever").isEmpty();
    assertThat(TestDatabases.rows(db, ALIAS)).containsExactly(List.of("v1", "null"));
    assertThat(TestDatabases.rows(db, "SELECT COUNT(*) FROM version_location"))
        .as("a refused start records no location")
        .containsExactly(List.of("0"));
  }

  /**
   * The same rollout from tables in PostgreSQL: the preflight reads each version with a JDBC query
   * (Flink's JDBC connector), and the location names the table.
   */
  @Test
  void aPostgresTablePassesItsPreflightAndIsPromotedTheSameWay() throws Exception {
    shell.cli("register", "--dataset", DATASET, "--version", "v1", "--location", "pg:features_v1");
    VersionTables.create(db, "features_v1", 3000, 0.0, 1, t0.minus(Duration.ofDays(1)));
    VersionTables.create(db, "features_v2", 3000, 0.0, 2, t0.minus(Duration.ofDays(1)));
    Path preflight = preflightOf("v2", jdbc("features_v2"), "v1", jdbc("features_v1"), 0);
    shell.rollout(
        "start",
        DATASET,
        "v2",
        "--baseline",
        "v1",
        "--preflight",
        preflight.toString(),
        "--location",
        "pg:features_v2",
        "--actor",
        "alice",
        "--at",
        t0.toString());

    JobClient job = runJob();
    try {
      await("SELECT kind FROM rollout_event", rows -> rows.contains(List.of("AWAITING_APPROVAL")));
      approve("bob");
      await(ALIAS, rows -> rows.equals(List.of(List.of("v2", "pg:features_v2"))));
    } finally {
      job.cancel().get();
    }
    assertThat(TestDatabases.rows(db, "SELECT message FROM rollout_event WHERE kind = 'STARTED'"))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.get(0))
                    .contains("preflight passed: 3000 candidate records against 3000"));
  }

  private String jdbc(String table) {
    return VersionTables.source(db, table);
  }

  private VersionSource write(String version, double nullX, long seed) throws Exception {
    Path dir =
        ParquetVersions.write(lake, version, 3000, nullX, 0, seed, t0.minus(Duration.ofDays(1)));
    return new VersionSource(
        DATASET,
        version,
        VersionSource.Format.PARQUET,
        dir.toString(),
        VersionSource.EventTime.column("ts"));
  }

  /** {@code driftgate preflight}, as the data engineer runs it: exit 0 passed, 1 failed. */
  private Path preflight(VersionSource candidate, VersionSource baseline, int exitCode) {
    return preflightOf(
        candidate.version(),
        SourceSpec.describe(candidate),
        baseline.version(),
        SourceSpec.describe(baseline),
        exitCode);
  }

  private Path preflightOf(
      String candidate,
      String candidateSource,
      String baseline,
      String baselineSource,
      int exitCode) {
    Path file = lake.resolve("preflight-" + candidate + ".json");
    TestCli.Result result =
        TestCli.run(
            Map.of(),
            "preflight",
            "--dataset",
            DATASET,
            "--candidate",
            candidate,
            "--candidate-source",
            candidateSource,
            "--baseline",
            baseline,
            "--baseline-source",
            baselineSource,
            "--out",
            file.toString(),
            "--driftgate.contracts.dir=" + CONTRACTS);
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(exitCode);
    assertThat(result.out()).endsWith("wrote " + file + System.lineSeparator());
    return file;
  }

  private TestCli.Result start(Path preflight, String actor) {
    return shell.rollout(
        "start",
        DATASET,
        "v2",
        "--baseline",
        "v1",
        "--preflight",
        preflight.toString(),
        "--location",
        lake.resolve("v2").toString(),
        "--actor",
        actor,
        "--at",
        t0.toString());
  }

  private TestCli.Result approve(String actor) {
    return shell.rollout(
        "approve",
        DATASET,
        "--stage",
        "2",
        "--actor",
        actor,
        "--at",
        t0.plus(Duration.ofMinutes(3)).toString());
  }

  /** The live job: no record ever reaches its records topic, commands and ticks move it. */
  private JobClient runJob() throws Exception {
    Configuration config =
        TestJobs.config(KAFKA, db, topics, topics.prefix() + "-job", CONTRACTS, false, 1);
    return DriftgateJob.prepare(config).executeAsync("table-rollout");
  }

  private List<List<String>> await(String sql, Predicate<List<List<String>>> done)
      throws Exception {
    long deadline = System.nanoTime() + POLL_DEADLINE.toNanos();
    List<List<String>> rows = List.of();
    while (System.nanoTime() < deadline) {
      rows = TestDatabases.rows(db, sql);
      if (done.test(rows)) {
        return rows;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("after " + POLL_DEADLINE + ", " + sql + " still gives " + rows);
  }
}
