package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, deliverable 5, end to end: a job cancelled without a savepoint and submitted again with
 * fresh state, its input offsets already committed. Job 1 reads part 1 of the input to its end; job
 * 2, with no state, reads only part 2 (what job 1 never read) into the same database and output
 * topics, as a resubmitted job would after the offsets of part 1 were committed.
 */
class RecoveryWithoutStateTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";

  private JdbcSettings db;
  private TestJobs.Topics part1;
  private TestJobs.Topics part2;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    String prefix = "recover-" + UUID.randomUUID().toString().substring(0, 8);
    part1 = new TestJobs.Topics(prefix + "-1").create(KAFKA);
    part2 = new TestJobs.Topics(prefix + "-2").create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void cancelWithoutASavepointMidRolloutAndAfterAPromotionThenResubmit() throws Exception {
    // Part 1: v2 is promoted over v1, then v3 starts against v2 and is in flight at the cancel.
    produce(
        part1,
        ItRecords.rows(
            11,
            Stream.healthy("v1", 0, 7),
            Stream.healthy("v2", 0, 10),
            Stream.healthy("v3", 7, 10)));
    control(
        part1,
        new Command.Start("c-start-v2", ItRecords.DATASET, "bot", minute(1), "v2", "v1", null),
        new Command.Approve("c-approve-v2", ItRecords.DATASET, "alice", minute(1), 1),
        new Command.Start("c-start-v3", ItRecords.DATASET, "bot", minute(7), "v3", "v2", null));
    DriftgateJob.run(config("job-1", part1));

    List<List<String>> firstEvents =
        query("SELECT kind, candidate_version, sequence FROM rollout_event ORDER BY sequence");
    assertThat(firstEvents)
        .extracting(row -> row.get(0) + " " + row.get(1))
        .contains("PROMOTED v2", "STARTED v3")
        .doesNotContain("ABORTED v3", "ROLLED_BACK v3", "PROMOTED v3");
    long firstLast = Long.parseLong(firstEvents.get(firstEvents.size() - 1).get(2));
    assertThat(query("SELECT phase, candidate_version, decision_sequence FROM gate_snapshot"))
        .singleElement()
        .satisfies(row -> assertThat(row.subList(1, 3)).containsExactly("v3", "" + firstLast));
    int firstRoutingMessages = values(part1.routing()).size();

    // Part 2, read by a job with fresh state: v2 no longer writes (v4 replaces it), an operator
    // aborts v3, tries v3 again, and starts v4 against v2.
    produce(part2, ItRecords.rows(12, Stream.healthy("v4", 11, 15)));
    control(
        part2,
        new Command.Abort("c-abort-v3", ItRecords.DATASET, "ops", minute(10), "restarted"),
        new Command.Start(
            "c-start-v3-again", ItRecords.DATASET, "bot", minute(10.5), "v3", "v2", null),
        new Command.Start("c-start-v4", ItRecords.DATASET, "bot", minute(11), "v4", "v2", null));
    Configuration second = config("job-2", part1);
    second.set(DriftgateOptions.RECORDS_TOPIC, part2.records());
    second.set(DriftgateOptions.CONTROL_TOPIC, part2.control());
    DriftgateJob.run(second);

    List<List<String>> events =
        query(
            "SELECT kind, reason, candidate_version, sequence FROM rollout_event"
                + " WHERE sequence > "
                + firstLast
                + " ORDER BY sequence");
    assertThat(events)
        .extracting(row -> String.join(" ", row.subList(0, 3)))
        .as("the in-flight rollout resumes (or is held with a reason), then the abort is applied")
        .startsWith(
            "HELD RECOVERED_WITHOUT_STATE v3",
            "ABORTED COMMANDED v3",
            "REJECTED CANDIDATE_ABANDONED v3",
            "STARTED COMMANDED v4");
    assertThat(events.get(0).get(3)).isEqualTo(String.valueOf(firstLast + 1));
    assertThat(
            query(
                "SELECT COUNT(*), COUNT(DISTINCT decision_id), COUNT(DISTINCT sequence) FROM rollout_event"))
        .as("no decision id or sequence issued twice")
        .singleElement()
        .satisfies(row -> assertThat(row.get(1)).isEqualTo(row.get(0)).isEqualTo(row.get(2)));
    assertThat(query("SELECT COUNT(*) FROM decision_id_reuse")).containsExactly(List.of("0"));

    List<String> routing =
        query(
                "SELECT baseline_version, candidate_version, exposure_bp, decision_sequence"
                    + " FROM cohort_routing")
            .get(0);
    assertThat(routing.subList(0, 3)).containsExactly("v2", "v4", "1000");
    assertThat(Long.parseLong(routing.get(3))).isGreaterThan(firstLast);
    List<JsonNode> published = values(part1.routing());
    assertThat(published.subList(firstRoutingMessages, published.size()))
        .as("routing messages after the restart supersede the ones before")
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.get("decision_sequence").asLong()).isGreaterThan(firstLast));
    JsonNode latest = published.get(published.size() - 1);
    assertThat(latest.get("candidate_version").asText()).isEqualTo("v4");

    assertThat(
            query(
                "SELECT DISTINCT baseline_version FROM drift_result"
                    + " WHERE candidate_version = 'v4' AND baseline_count > 0"))
        .as("v2 is silent in part 2: only its reference profile, promoted in job 1, can judge v4")
        .containsExactly(List.of("v2"));
    assertThat(query("SELECT version FROM dataset_alias")).containsExactly(List.of("v2"));
  }

  // --- helpers ---

  private Configuration config(String group, TestJobs.Topics topics) {
    return TestJobs.config(KAFKA, db, topics, topics.prefix() + "-" + group, CONTRACTS, true, 1);
  }

  private static void produce(TestJobs.Topics topics, List<Produced> rows) {
    TestJobs.produce(KAFKA, topics.records(), rows);
  }

  private static void control(TestJobs.Topics topics, Command... commands) {
    for (Command command : commands) {
      KAFKA.produce(
          topics.control(),
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          ControlJson.toBytes(command),
          System.currentTimeMillis());
    }
  }

  /** The committed messages of {@code topic}, once no transaction is open on it. */
  private static List<JsonNode> values(String topic) {
    return TestJobs.jsonValues(KAFKA, topic);
  }

  private List<List<String>> query(String sql) throws Exception {
    return TestDatabases.rows(db, sql);
  }
}
