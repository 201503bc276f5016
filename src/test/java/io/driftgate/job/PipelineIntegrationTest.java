package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job against a real Kafka broker, a real PostgreSQL and Flink's MiniCluster: rollouts
 * promoted and rolled back end to end, dead letters, replays and operator commands.
 */
class PipelineIntegrationTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      TestJobs.miniCluster(METRICS.addToConfiguration(new Configuration()));

  private static final ObjectMapper JSON = new ObjectMapper();

  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    topics =
        new TestJobs.Topics("it-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void healthyRolloutIsPromotedStepByStep() throws Exception {
    produce(ItRecords.rows(1, Stream.healthy("v1", 0, 9), Stream.healthy("v2", 0, 9)));
    control(start("v2", "v1", 1), approve(2, 1));

    JobExecutionResult result = runJob(1, "healthy");

    assertThat(kinds(decisions(topics.events())))
        .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "ADVANCED", "PROMOTED")
        .doesNotContain("ROLLED_BACK");
    List<JsonNode> routing = values(topics.routing());
    assertThat(distinctExposures(routing)).containsExactly(1000, 5000, 10000, 0);
    JsonNode last = routing.get(routing.size() - 1);
    assertThat(last.get("baseline_version").asText()).isEqualTo("v2");
    assertThat(last.get("candidate_version").isNull()).isTrue();
    assertThat(query("SELECT version, generation FROM dataset_alias WHERE dataset = 'it.features'"))
        .containsExactly(List.of("v2", "2"));
    assertThat(query("SELECT kind, from_version, to_version, outcome FROM alias_history"))
        .containsExactly(List.of("PROMOTED", "v1", "v2", "APPLIED"));
    assertThat(counter(result, ".dataset.it.features.version.v2.profiled_records"))
        .isEqualTo(9 * ItRecords.ROWS_PER_MINUTE);
    assertThat(counter(result, ".version.v2.field.y.nulls")).isPositive();
    assertThat(counter(result, ".dataset.it.features.promotions")).isEqualTo(1);
  }

  @Test
  void driftedCandidateIsRolledBackAtTheStageWhereDriftBegan() throws Exception {
    produce(ItRecords.rows(2, Stream.healthy("v1", 0, 8), new Stream("v2", 0, 8, 3)));
    control(start("v2", "v1", 1), approve(2, 1));

    JobExecutionResult result = runJob(1, "drift");

    List<JsonNode> decisions = decisions(topics.events());
    JsonNode rollback =
        decisions.stream()
            .filter(d -> d.get("kind").asText().equals("ROLLED_BACK"))
            .findFirst()
            .orElseThrow();
    assertThat(rollback.get("stage_index").asInt()).isEqualTo(1);
    assertThat(rollback.get("reason").asText()).isEqualTo("PERSISTENT_BREACH");
    assertThat(rollback.get("decided_at").asText()).isEqualTo(minute(5).toString());
    assertThat(query("SELECT version FROM dataset_alias WHERE dataset = 'it.features'"))
        .containsExactly(List.of("v1"));
    assertThat(
            query(
                "SELECT evidence_gate, evidence_method, evidence_window_end,"
                    + " evidence_candidate_count, evidence_baseline_count,"
                    + " evidence_statistic > evidence_threshold"
                    + " FROM rollout_event WHERE kind = 'ROLLED_BACK'"))
        // The evidence is pooled over the rollout: minutes 1 to 4, both stages.
        .containsExactly(
            List.of("drift:x", "ks-exact", postgresUtc(minute(5)), "1200", "1200", "t"));
    assertThat(query("SELECT candidate_version, exposure_bp FROM cohort_routing"))
        .containsExactly(List.of("null", "0"));
    assertThat(distinctExposures(values(topics.routing()))).containsExactly(1000, 5000, 0);
    assertThat(counter(result, ".dataset.it.features.rollbacks")).isEqualTo(1);
    assertThat(counter(result, ".dataset.it.features.promotions")).isZero();
    assertThat(gauge(result, ".dataset.it.features.exposure_bp")).isEqualTo(0L);
    assertThat(gauge(result, ".gate.drift:x.breach")).isEqualTo(1.0);
    assertThat((Double) gauge(result, ".gate.drift:x.statistic"))
        .isGreaterThan((Double) gauge(result, ".gate.drift:x.threshold"));
  }

  @Test
  void badInputIsDeadLetteredAndCountedExactly() throws Exception {
    List<Produced> rows =
        new ArrayList<>(ItRecords.rows(3, Stream.healthy("v1", 0, 2), Stream.healthy("v2", 0, 2)));
    int good = rows.size();
    // After the good rows in event time too: with no out-of-orderness, a record dated before one
    // its partition already delivered is LATE, whatever the watermark says.
    long t = rows.stream().mapToLong(Produced::timestamp).max().orElseThrow();
    String envelope = "{\"dataset\":\"it.features\",\"version\":\"v2\",\"event_time\":" + t;
    List<Produced> bad =
        List.of(
            ItRecords.produced("bad", "{not json", t),
            ItRecords.produced("bad", "[1,2]", t),
            ItRecords.produced(
                "bad", envelope.replace("it.features", "no.such") + ",\"fields\":{}}", t),
            ItRecords.produced(
                "bad", "{\"dataset\":\"it.features\",\"version\":\"v2\",\"fields\":{}}", t),
            ItRecords.produced(
                "bad", envelope + ",\"fields\":{\"id\":\"b1\",\"x\":\"abc\",\"seg\":\"a\"}}", t),
            ItRecords.produced(
                "bad", envelope + ",\"fields\":{\"id\":\"b2\",\"x\":1.0,\"seg\":\"zzz\"}}", t),
            ItRecords.produced(
                "bad",
                envelope + ",\"fields\":{\"id\":\"b3\",\"x\":1.0,\"seg\":\"a\",\"w\":1}}",
                t));
    rows.addAll(bad);
    produce(rows);
    control(
        start("v2", "v1", 0.5), ItRecords.produced("ctl", "{\"command\":\"launch\"}", t).value());

    JobExecutionResult result = runJob(2, "dlq");

    Map<String, Long> byReason =
        values(topics.deadLetters()).stream()
            .collect(
                Collectors.groupingBy(
                    d -> d.get("reason").asText(), TreeMap::new, Collectors.counting()));
    assertThat(byReason)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "MALFORMED_JSON", 1L,
                    "NOT_AN_OBJECT", 1L,
                    "UNKNOWN_DATASET", 1L,
                    "BAD_EVENT_TIME", 1L,
                    "CONTRACT_VIOLATION", 3L,
                    "BAD_COMMAND", 1L)));
    JsonNode violation =
        values(topics.deadLetters()).stream()
            .filter(d -> d.get("reason").asText().equals("CONTRACT_VIOLATION"))
            .filter(d -> d.get("original_text").asText().contains("zzz"))
            .findFirst()
            .orElseThrow();
    assertThat(violation.get("detail").asText()).contains("seg").contains("NOT_ALLOWED");

    long in = counter(result, "records_in");
    long ok = counter(result, "records_ok");
    long rejected = counter(result, ".rejected.reason.");
    assertThat(in).isEqualTo(rows.size());
    assertThat(ok).isEqualTo(good);
    assertThat(in).isEqualTo(ok + rejected);
    assertThat(counter(result, ".kind.WRONG_TYPE.violations")).isEqualTo(1);
    assertThat(counter(result, ".kind.NOT_ALLOWED.violations")).isEqualTo(1);
    assertThat(counter(result, ".kind.UNKNOWN_FIELD.violations")).isEqualTo(1);
  }

  @Test
  void replayByAFreshJobAppliesNothingTwiceAndDecidesAlikeAtAnyParallelism() throws Exception {
    produce(ItRecords.rows(4, Stream.healthy("v1", 0, 8), new Stream("v2", 0, 8, 3)));
    control(start("v2", "v1", 1), approve(2, 1));

    runJob(1, "first");
    List<List<String>> history = query("SELECT decision_id, generation FROM alias_history");
    List<List<String>> events = query("SELECT decision_id FROM rollout_event ORDER BY sequence");
    List<String> firstLog = decisionLog(topics.events());

    String secondEvents = topics.events() + "-replay";
    KAFKA.createTopic(secondEvents, 2);
    // A replay that must decide as the first run did: not a job carrying on the first run's
    // history, which it would otherwise recover from the database.
    runJob(
        2,
        "second",
        Map.of(
            DriftgateOptions.ROLLOUT_EVENTS_TOPIC.key(),
            secondEvents,
            DriftgateOptions.RECOVER_FROM_DATABASE.key(),
            "false"));

    assertThat(decisionLog(secondEvents)).isEqualTo(firstLog).isNotEmpty();
    assertThat(query("SELECT decision_id, generation FROM alias_history")).isEqualTo(history);
    assertThat(query("SELECT decision_id FROM rollout_event ORDER BY sequence")).isEqualTo(events);
    assertThat(query("SELECT version, generation FROM dataset_alias"))
        .containsExactly(List.of("v1", "2"));
  }

  @Test
  void commandsPauseApproveAndAbort() throws Exception {
    produce(ItRecords.rows(5, Stream.healthy("v1", 0, 10), Stream.healthy("v2", 0, 10)));
    control(
        start("v2", "v1", 1),
        approve(2, 4.5),
        command(new Command.Pause("c-pause", ItRecords.DATASET, "ops", minute(5.5))),
        command(new Command.Resume("c-resume", ItRecords.DATASET, "ops", minute(7.5))),
        command(new Command.Abort("c-abort", ItRecords.DATASET, "ops", minute(8.5), "incident")),
        command(new Command.Pause("c-late", ItRecords.DATASET, "ops", minute(9.5))));

    runJob(1, "commands");

    List<JsonNode> decisions = decisions(topics.events());
    assertThat(kinds(decisions).stream().filter(k -> !k.equals("HELD")).toList())
        .containsExactly(
            "STARTED",
            "AWAITING_APPROVAL",
            "APPROVED",
            "PAUSED",
            "RESUMED",
            "ADVANCED",
            "ABORTED",
            "REJECTED");
    JsonNode approved = byKind(decisions, "APPROVED");
    assertThat(approved.get("decided_at").asText()).isEqualTo(minute(4.5).toString());
    assertThat(approved.get("actor").asText()).isEqualTo("alice");
    assertThat(byKind(decisions, "ADVANCED").get("decided_at").asText())
        .isEqualTo(minute(8).toString());
    assertThat(byKind(decisions, "REJECTED").get("reason").asText()).isEqualTo("ROLLOUT_FINISHED");
    assertThat(query("SELECT version FROM dataset_alias")).containsExactly(List.of("v1"));
  }

  // --- helpers ---

  /** How PostgreSQL prints a {@code TIMESTAMP WITH TIME ZONE} in a UTC session. */
  private static String postgresUtc(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssx")
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  private JobExecutionResult runJob(int parallelism, String name) throws Exception {
    return runJob(parallelism, name, Map.of());
  }

  private JobExecutionResult runJob(int parallelism, String name, Map<String, String> overrides)
      throws Exception {
    Configuration config =
        TestJobs.config(
            KAFKA,
            db,
            topics,
            topics.prefix() + "-" + name,
            "src/test/resources/it-contracts",
            true,
            parallelism);
    overrides.forEach(config::setString);
    return DriftgateJob.run(config);
  }

  private void produce(List<Produced> rows) {
    TestJobs.produce(KAFKA, topics.records(), rows);
  }

  private void control(byte[]... commands) {
    for (byte[] command : commands) {
      KAFKA.produce(
          topics.control(),
          ItRecords.DATASET.getBytes(StandardCharsets.UTF_8),
          command,
          System.currentTimeMillis());
    }
  }

  private static byte[] start(String candidate, String baseline, double atMinute) {
    return command(
        new Command.Start(
            "c-start-" + candidate,
            ItRecords.DATASET,
            "release-bot",
            minute(atMinute),
            candidate,
            baseline,
            null));
  }

  private static byte[] approve(int humanStage, double atMinute) {
    return command(
        new Command.Approve(
            "c-approve-" + atMinute, ItRecords.DATASET, "alice", minute(atMinute), humanStage - 1));
  }

  private static byte[] command(Command command) {
    return ControlJson.toBytes(command);
  }

  /** The committed messages of {@code topic}, once no transaction is open on it. */
  private static List<JsonNode> values(String topic) {
    return TestJobs.jsonValues(KAFKA, topic);
  }

  private static List<JsonNode> decisions(String topic) {
    List<JsonNode> decisions = new ArrayList<>(values(topic));
    decisions.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
    return decisions;
  }

  private static List<String> decisionLog(String topic) {
    return decisions(topic).stream().map(JsonNode::toString).toList();
  }

  private static List<String> kinds(List<JsonNode> decisions) {
    return decisions.stream().map(d -> d.get("kind").asText()).toList();
  }

  private static JsonNode byKind(List<JsonNode> decisions, String kind) {
    return decisions.stream()
        .filter(d -> d.get("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " decision in " + kinds(decisions)));
  }

  private static List<Integer> distinctExposures(List<JsonNode> routing) {
    List<Integer> exposures = new ArrayList<>();
    for (JsonNode row : routing) {
      int exposure = row.get("exposure_bp").asInt();
      if (exposures.isEmpty() || exposures.get(exposures.size() - 1) != exposure) {
        exposures.add(exposure);
      }
    }
    return exposures;
  }

  /** Sums a driftgate counter over subtasks; {@code rejected} sums every reason's counter. */
  private static long counter(JobExecutionResult result, String name) {
    return TestJobs.counterSum(METRICS, result, scope -> scope.contains(name));
  }

  /** The last value of a driftgate gauge whose scoped name ends with {@code suffix}. */
  private static Object gauge(JobExecutionResult result, String suffix) {
    for (var metric : METRICS.findJobMetricGroups(result.getJobID(), ".*")) {
      String scope = String.join(".", metric.f0.getScopeComponents()) + "." + metric.f1;
      if (scope.endsWith(suffix) && metric.f2 instanceof org.apache.flink.metrics.Gauge<?> g) {
        return g.getValue();
      }
    }
    throw new AssertionError("no gauge " + suffix);
  }

  private List<List<String>> query(String sql) throws Exception {
    return TestDatabases.rows(db, sql);
  }
}
