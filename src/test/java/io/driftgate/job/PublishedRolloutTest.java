package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.cli.TestCli;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's acceptance, from {@code driftgate publish}: v1 and v2 of a table in PostgreSQL are
 * published onto the records topic by JDBC query, and v2 is rolled out as a streamed candidate:
 * judged window by window on the topic, advanced, approved, and promoted with its location.
 */
class PublishedRolloutTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final String DATASET = "it.features";
  private static final Instant T0 = ItRecords.T0;

  private JdbcSettings db;
  private TestJobs.Topics topics;
  private OperatorShell shell;

  @BeforeEach
  void setUp() {
    db = TestDatabases.postgres();
    topics = new TestJobs.Topics("published-" + UUID.randomUUID().toString().substring(0, 8));
    // publish keys each version's rows <dataset>/<version>, one partition per version, so that
    // each partition's rows come in event-time order: give the two versions partitions of their
    // own.
    KAFKA.createTopic(topics.records(), partitionsSeparating("it.features/v1", "it.features/v2"));
    KAFKA.createTopic(topics.control(), 1);
    KAFKA.createTopic(topics.deadLetters(), 1);
    KAFKA.createTopic(topics.drift(), 1);
    KAFKA.createTopic(topics.events(), 2);
    KAFKA.createCompactedTopic(topics.routing(), 1);
    shell = new OperatorShell(KAFKA, topics.control(), db);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void versionsPublishedFromPostgresAreRolledOutFromTheRecordsTopic() throws Exception {
    VersionTables.create(db, "features_v1", 1200, 0.0, 1, T0);
    VersionTables.create(db, "features_v2", 1200, 0.0, 2, T0);
    assertThat(publish("v1", "features_v1").out())
        .isEqualTo(
            "published 1200 rows of it.features v1 to "
                + topics.records()
                + ": sent 1200, rejected locally 0"
                + System.lineSeparator());
    publish("v2", "features_v2");
    startV2();
    approveStageTwo();

    Configuration config =
        TestJobs.config(KAFKA, db, topics, topics.prefix() + "-job", CONTRACTS, true, 1);
    DriftgateJob.run(config);

    assertThat(TestDatabases.rows(db, "SELECT version, location FROM dataset_alias_location"))
        .containsExactly(List.of("v2", "pg:features_v2"));
    assertThat(
            TestDatabases.rows(
                db, "SELECT kind FROM rollout_event WHERE kind <> 'HELD' ORDER BY sequence"))
        .extracting(row -> row.get(0))
        .containsExactly("STARTED", "AWAITING_APPROVAL", "APPROVED", "ADVANCED", "PROMOTED");
    assertThat(TestDatabases.rows(db, "SELECT COUNT(*) FROM drift_result"))
        .as("judged window by window")
        .allSatisfy(row -> assertThat(Long.parseLong(row.get(0))).isGreaterThan(10));
    assertThat(TestJobs.jsonValues(KAFKA, topics.deadLetters()))
        .as("every published row was a record")
        .isEmpty();
  }

  /**
   * Deliverable 3 for streamed candidates: under a contract asking for a preflight sample, v2 is
   * started at 0 bp, and stage 1 begins only after 300 of its records passed the preflight.
   */
  @Test
  void aStreamedCandidateIsExposedOnlyAfterItsPreflightSamplePasses(@TempDir Path dir)
      throws Exception {
    runSampled(dir, 0.0);

    assertThat(
            TestDatabases.rows(
                db,
                "SELECT kind, reason, from_phase, exposure_bp FROM rollout_event WHERE kind <> 'HELD'"
                    + " ORDER BY sequence"))
        .startsWith(
            List.of("STARTED", "PREFLIGHT_SAMPLE", "PENDING", "0"),
            List.of("ADVANCED", "GATES_PASSED", "PREFLIGHT", "1000"));
    assertThat(
            TestDatabases.rows(
                db,
                "SELECT message FROM rollout_event WHERE kind = 'ADVANCED' ORDER BY sequence"
                    + " LIMIT 1"))
        .singleElement()
        .satisfies(
            row -> {
              Matcher counts =
                  Pattern.compile("^preflight passed: (\\d+) candidate records")
                      .matcher(row.get(0));
              assertThat(counts.find()).as(row.get(0)).isTrue();
              assertThat(Long.parseLong(counts.group(1))).isGreaterThanOrEqualTo(300);
            });
    assertThat(TestDatabases.rows(db, "SELECT version FROM dataset_alias"))
        .containsExactly(List.of("v2"));
    assertThat(exposures()).containsExactly(0, 1000, 5000, 10000, 0);
  }

  @Test
  void aBrokenStreamedCandidateFailsItsPreflightSampleWithNobodyExposed(@TempDir Path dir)
      throws Exception {
    runSampled(dir, 0.5);

    assertThat(
            TestDatabases.rows(
                db,
                "SELECT kind, reason, exposure_bp, evidence_gate FROM rollout_event WHERE kind <>"
                    + " 'HELD' ORDER BY sequence"))
        .containsExactly(
            List.of("STARTED", "PREFLIGHT_SAMPLE", "0", "null"),
            List.of("ROLLED_BACK", "PREFLIGHT_FAILED", "0", "violation_rate"),
            List.of("REJECTED", "ROLLOUT_FINISHED", "0", "null")); // bob's approval lapsed
    assertThat(TestDatabases.rows(db, "SELECT version FROM dataset_alias"))
        .containsExactly(List.of("v1"));
    assertThat(exposures()).containsOnly(0);
  }

  /**
   * Publishes v1 and v2 ({@code nullX} of its x missing), starts v2 with stage 2 approved in
   * advance, and runs the job under a contract asking for a preflight sample of 300 records.
   */
  private void runSampled(Path dir, double nullX) throws Exception {
    Path contracts = sampledContracts(dir, 300);
    VersionTables.create(db, "features_v1", 1200, 0.0, 1, T0);
    VersionTables.create(db, "features_v2", 1200, nullX, 2, T0);
    publish("v1", "features_v1");
    publish("v2", "features_v2");
    startV2();
    approveStageTwo();
    DriftgateJob.run(
        TestJobs.config(
            KAFKA, db, topics, topics.prefix() + "-job", contracts.toString(), true, 1));
  }

  private void startV2() {
    shell.cli("register", "--dataset", DATASET, "--version", "v1", "--location", "pg:features_v1");
    shell.rollout(
        "start",
        DATASET,
        "v2",
        "--baseline",
        "v1",
        "--location",
        "pg:features_v2",
        "--actor",
        "alice",
        "--at",
        T0.plus(Duration.ofSeconds(30)).toString());
  }

  /** Bob approves stage 2 in advance, five minutes into the records. */
  private void approveStageTwo() {
    shell.rollout(
        "approve",
        DATASET,
        "--stage",
        "2",
        "--actor",
        "bob",
        "--at",
        T0.plus(Duration.ofMinutes(5)).toString());
  }

  /** The exposures the routing topic carried, a repeat of the last one left out. */
  private List<Integer> exposures() {
    List<Integer> exposures = new ArrayList<>();
    for (JsonNode routing : TestJobs.jsonValues(KAFKA, topics.routing())) {
      int exposure = routing.get("exposure_bp").asInt();
      if (exposures.isEmpty() || exposures.get(exposures.size() - 1) != exposure) {
        exposures.add(exposure);
      }
    }
    return exposures;
  }

  /** The integration contract asking streamed candidates for a preflight sample. */
  private static Path sampledContracts(Path dir, long samples) throws Exception {
    String contract =
        Files.readString(Path.of(CONTRACTS, "it.features.yaml"))
            .replace(
                "\nx-driftgate:\n",
                "\nx-driftgate:\n  preflight: { minSamples: " + samples + " }\n");
    Files.writeString(dir.resolve("it.features.yaml"), contract);
    return dir;
  }

  /** The fewest partitions (at least 2) that put the two keys on different ones. */
  private static int partitionsSeparating(String a, String b) {
    for (int n = 2; ; n++) {
      if (partition(a, n) != partition(b, n)) {
        return n;
      }
    }
  }

  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private TestCli.Result publish(String version, String table) {
    return shell.cli(
        "publish",
        "--dataset",
        DATASET,
        "--version",
        version,
        "--source",
        VersionTables.source(db, table),
        "--contracts",
        CONTRACTS,
        "--topic",
        topics.records(),
        "--bootstrap-servers",
        KAFKA.bootstrapServers());
  }
}
