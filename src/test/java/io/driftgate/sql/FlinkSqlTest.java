package io.driftgate.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftgate.drift.Evaluation;
import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.TestJobs;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.DriftResultStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.RoutingRow;
import io.driftgate.store.StatusReader;
import io.driftgate.store.TestDatabases;
import io.driftgate.testing.FixtureTime;
import io.driftgate.wire.ControlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flink SQL files of {@code sql/flink/} against what the job really writes: the job runs once
 * over two rollouts (one drifts and is rolled back, one waits for approval at 10%) and some bad
 * input, against the in-JVM Kafka broker and PostgreSQL; then every DDL file and every example
 * query runs through {@link SqlScripts} in a {@link TableEnvironment}, and its answer is checked
 * against the topics and tables read directly.
 */
class FlinkSqlTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final Path SQL = Path.of(System.getProperty("driftgate.repo", ".")).resolve("sql");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = FixtureTime.T0;
  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String ROLLED_BACK = "sql.rollback";
  private static final String LIVE = "sql.live";

  /** Only in drift_result, written by the store: the job's contracts have no outcome gate. */
  private static final String OUTCOMES = "sql.outcomes";

  private static final int ROWS_PER_MINUTE = 300;

  private static final Map<String, List<JsonNode>> TOPICS = new HashMap<>();
  private static JdbcSettings db;
  private static int producedRecords;
  private static String prefix;

  @BeforeAll
  static void runTheJob() throws Exception {
    db = TestDatabases.postgres();
    prefix = "sql-" + UUID.randomUUID().toString().substring(0, 8);
    for (String dataset : List.of(ROLLED_BACK, LIVE)) {
      new DecisionStore(db).ensureAlias(dataset, "v1", T0);
    }
    new TestJobs.Topics(prefix).create(KAFKA);

    produceRecords();
    control(ROLLED_BACK, start(ROLLED_BACK), approve(ROLLED_BACK));
    control(LIVE, start(LIVE)); // never approved: waits at its first stage, 10% exposed

    Configuration config =
        TestJobs.config(
            KAFKA,
            db,
            new TestJobs.Topics(prefix),
            prefix,
            "src/test/resources/sql-contracts",
            true,
            1);
    DriftgateJob.run(config);
    for (String name : List.of("drift", "events", "dlq", "routing")) {
      // The SQL sources read to the latest stable offsets: let the last commit markers land first.
      KAFKA.awaitTransactionsSettled(topic(name), Duration.ofSeconds(60));
      assertThat(values(name)).as("what the job wrote to %s", topic(name)).isNotEmpty();
    }
  }

  @AfterAll
  static void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void whyWasItRolledBackGivesTheDecisiveGate() {
    List<Row> rows = query("why-rolled-back.sql", Map.of("dataset", ROLLED_BACK));

    JsonNode rollback = byKind(decisions(ROLLED_BACK), "ROLLED_BACK");
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.getField("decided_at")).isEqualTo(local(rollback.get("decided_at")));
    assertThat(row.getField("reason")).isEqualTo("PERSISTENT_BREACH");
    assertThat(row.getField("candidate_version")).isEqualTo("v2");
    assertThat(row.getField("stage")).as("stage index 1, counted from 1").isEqualTo(2);
    assertThat(row.getField("evidence_gate")).isEqualTo("drift:x");
    assertThat(row.getField("evidence_method")).isEqualTo("ks-exact");
    assertThat((Double) row.getField("evidence_statistic"))
        .isGreaterThan((Double) row.getField("evidence_threshold"));
    assertThat(row.getField("evidence_window_end"))
        .isEqualTo(local(T0.plus(Duration.ofMinutes(5))));
    assertThat(row.getField("evidence_candidate_count"))
        .isEqualTo(1200L); // pooled over the rollout: four windows of 300
    // The decisive gate is one of the decision's own gate results, number for number.
    JsonNode decisive =
        stream(rollback.get("evidence"))
            .filter(g -> g.get("gate").asText().equals("drift:x"))
            .filter(g -> g.get("verdict").asText().equals("BREACH"))
            .findFirst()
            .orElseThrow();
    assertThat(row.getField("evidence_statistic")).isEqualTo(decisive.get("statistic").asDouble());
    assertThat(row.getField("evidence_threshold")).isEqualTo(decisive.get("threshold").asDouble());
    assertThat(row.getField("evidence_window_start"))
        .isEqualTo(local(decisive.get("window_start")));
  }

  @Test
  void rolloutTimelineListsEveryDecisionInOrder() {
    List<Row> rows = query("rollout-timeline.sql", Map.of("dataset", ROLLED_BACK));

    List<JsonNode> decisions = decisions(ROLLED_BACK);
    assertThat(rows.stream().map(r -> r.getField("sequence")).toList())
        .isEqualTo(decisions.stream().map(d -> d.get("sequence").asLong()).toList());
    assertThat(rows.stream().map(r -> (String) r.getField("kind")).toList())
        .isEqualTo(decisions.stream().map(d -> d.get("kind").asText()).toList())
        .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "ROLLED_BACK");
  }

  @Test
  void driftByFieldCountsWindowsAndBreachesPerGate() {
    List<Row> rows = query("drift-by-field-last-hour.sql", Map.of());

    // The same aggregation over the topic read directly (all windows are within the hour).
    Map<String, long[]> expected = new TreeMap<>();
    for (JsonNode evaluation : values("drift")) {
      for (JsonNode gate : (Iterable<JsonNode>) () -> evaluation.get("results").elements()) {
        if (gate.get("field").isNull()) {
          continue;
        }
        long[] counts =
            expected.computeIfAbsent(
                evaluation.get("dataset").asText()
                    + "/"
                    + gate.get("field").asText()
                    + "/"
                    + gate.get("gate").asText(),
                k -> new long[2]);
        counts[0]++;
        counts[1] += gate.get("verdict").asText().equals("BREACH") ? 1 : 0;
      }
    }
    Map<String, long[]> actual = new TreeMap<>();
    for (Row row : rows) {
      actual.put(
          row.getField("dataset") + "/" + row.getField("field") + "/" + row.getField("gate"),
          new long[] {
            (Long) row.getField("windows"), ((Number) row.getField("breaches")).longValue()
          });
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet()).contains(ROLLED_BACK + "/x/drift:x");
    expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));
    assertThat(actual.get(ROLLED_BACK + "/x/drift:x")[1]).isGreaterThanOrEqualTo(2);
    assertThat(actual.get(LIVE + "/x/drift:x")[1]).isZero();
  }

  @Test
  void whoIsExposedNowGivesExposurePerDataset() throws Exception {
    List<Row> rows = query("who-is-exposed-now.sql", Map.of());

    Map<String, Row> byDataset = new TreeMap<>();
    rows.forEach(r -> byDataset.put((String) r.getField("dataset"), r));
    assertThat(byDataset).containsOnlyKeys(ROLLED_BACK, LIVE);
    Map<String, RoutingEntry> routing = routing();
    Row live = byDataset.get(LIVE);
    assertThat(live.getField("alias_version")).isEqualTo("v1");
    assertThat(live.getField("candidate_version")).isEqualTo("v2");
    assertThat(live.getField("exposure_bp")).isEqualTo(routing.get(LIVE).exposureBasisPoints());
    assertThat(live.getField("exposure_bp")).isEqualTo(1000);
    assertThat(live.getField("exposure_percent")).isEqualTo(10.0);
    assertThat(live.getField("stage")).isEqualTo(routing.get(LIVE).stage() + 1);
    Row rolledBack = byDataset.get(ROLLED_BACK);
    assertThat(rolledBack.getField("candidate_version")).isNull();
    assertThat(rolledBack.getField("exposure_bp")).isEqualTo(0);
    assertThat(rolledBack.getField("alias_version")).isEqualTo("v1");
  }

  @Test
  void exposedConsumersAgreeWithTheJobsHash() throws Exception {
    List<Row> rows = query("exposed-consumers.sql", Map.of());

    Map<String, RoutingEntry> routing = routing();
    assertThat(rows).hasSize(2 * 97); // cohort keys u0..u96 of both datasets
    int exposed = 0;
    for (Row row : rows) {
      String dataset = (String) row.getField("dataset");
      String key = (String) row.getField("cohort_key");
      String expected = VersionResolver.resolve(routing.get(dataset), key);
      assertThat(row.getField("version_by_row")).as(dataset + "/" + key).isEqualTo(expected);
      assertThat(row.getField("version_now")).as(dataset + "/" + key).isEqualTo(expected);
      exposed += expected.equals("v2") ? 1 : 0;
    }
    assertThat(exposed).as("keys of %s reading v2 at 10%%", LIVE).isBetween(1, 30);
  }

  @Test
  void dlqReasonsCountsByReason() {
    List<Row> rows = query("dlq-reasons.sql", Map.of());

    Map<String, Long> expected =
        values("dlq").stream()
            .collect(
                Collectors.groupingBy(
                    d -> d.get("reason").asText(), TreeMap::new, Collectors.counting()));
    Map<String, Long> actual = new TreeMap<>();
    rows.forEach(r -> actual.put((String) r.getField("reason"), (Long) r.getField("letters")));
    assertThat(actual).isEqualTo(expected);
    assertThat(actual)
        .containsEntry("UNKNOWN_DATASET", 2L)
        .containsEntry("MALFORMED_JSON", 1L)
        .containsEntry("NOT_AN_OBJECT", 1L);
    assertThat(rows.get(0).getField("reason")).isEqualTo("UNKNOWN_DATASET");
  }

  @Test
  void currentStatusIsTheLatestDecisionPerDataset() {
    List<Row> rows = query("current-status.sql", Map.of());

    assertThat(rows).hasSize(2);
    for (Row row : rows) {
      List<JsonNode> decisions = decisions((String) row.getField("dataset"));
      JsonNode last = decisions.get(decisions.size() - 1);
      assertThat(row.getField("phase")).isEqualTo(last.get("to_phase").asText());
      assertThat(row.getField("last_decision")).isEqualTo(last.get("kind").asText());
      assertThat(row.getField("exposure_bp")).isEqualTo(last.get("exposure_bp").asInt());
      assertThat(row.getField("stage")).isEqualTo(last.get("stage_index").asInt() + 1);
    }
    assertThat(rows.get(0).getField("dataset")).isEqualTo(LIVE);
    assertThat(rows.get(1).getField("phase")).isEqualTo("ROLLED_BACK");
  }

  @Test
  void liveRoutingHoldsTheLatestEntryPerDataset() throws Exception {
    Map<String, Row> table = new TreeMap<>();
    for (Row row : query("live-routing.sql", Map.of())) {
      String dataset = (String) row.getField("dataset");
      if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
        table.put(dataset, row);
      } else {
        table.remove(dataset);
      }
    }

    Map<String, RoutingEntry> routing = routing();
    assertThat(table).containsOnlyKeys(routing.keySet());
    table.forEach(
        (dataset, row) -> {
          assertThat(row.getField("exposure_bp"))
              .isEqualTo(routing.get(dataset).exposureBasisPoints());
          assertThat(row.getField("candidate_version"))
              .isEqualTo(routing.get(dataset).candidateVersion());
        });
  }

  @Test
  void everyTableReadsWhatTheJobWrote() throws Exception {
    List<Row> rows =
        adHoc(
            SqlScripts.Mode.BATCH,
            "SELECT 'dataset_alias', COUNT(*) FROM dataset_alias"
                + " UNION ALL SELECT 'alias_history', COUNT(*) FROM alias_history"
                + " UNION ALL SELECT 'rollout_event', COUNT(*) FROM rollout_event"
                + " UNION ALL SELECT 'cohort_routing', COUNT(*) FROM cohort_routing"
                + " UNION ALL SELECT 'drift_result', COUNT(*) FROM drift_result"
                + " UNION ALL SELECT 'version_location', COUNT(*) FROM version_location"
                + " UNION ALL SELECT 'dataset_alias_location', COUNT(*) FROM dataset_alias_location"
                + " UNION ALL SELECT 'cohort_routing_location', COUNT(*)"
                + "   FROM cohort_routing_location"
                + " UNION ALL SELECT 'records', COUNT(*) FROM records"
                + " UNION ALL SELECT 'records_before_t0',"
                + "   COUNT(*) FILTER (WHERE event_ts < TIMESTAMP '"
                + local(T0).format(SQL_TIMESTAMP)
                + "') FROM records"
                + " UNION ALL SELECT 'drift_results', COUNT(*) FROM drift_results"
                + " UNION ALL SELECT 'rollout_events', COUNT(*) FROM rollout_events");
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(r -> counts.put((String) r.getField(0), (Long) r.getField(1)));

    Map<String, Long> expected = new TreeMap<>();
    for (String table :
        List.of(
            "dataset_alias",
            "alias_history",
            "rollout_event",
            "cohort_routing",
            "version_location",
            "dataset_alias_location",
            "cohort_routing_location")) {
      expected.put(table, count("SELECT COUNT(*) FROM " + table));
    }
    expected.put("drift_result", count("SELECT COUNT(*) FROM drift_result"));
    // Records that are not JSON objects are skipped by the table (the job dead-letters them).
    expected.put("records", (long) producedRecords - 2);
    expected.put("records_before_t0", 0L);
    expected.put("drift_results", (long) values("drift").size());
    expected.put("rollout_events", (long) values("events").size());
    assertThat(counts).isEqualTo(expected);
    assertThat(counts.get("alias_history")).isEqualTo(1L);
    assertThat(counts.get("drift_result")).isPositive();
  }

  /**
   * The JDBC table declares the outcome gates' columns: a row {@link DriftResultStore} wrote for an
   * outcome gate reads back with both cohorts' means, the job's data gates' rows without any.
   */
  @Test
  void theDriftResultTableReadsAnOutcomeGatesMeans() throws Exception {
    Instant end = T0.plusSeconds(600);
    Evidence evidence =
        new Evidence(
            "mean-difference-msprt",
            -0.01,
            0.005,
            0.004,
            0.0003,
            0.0001,
            0.0,
            0.01,
            120,
            1_080,
            T0,
            end,
            0.49,
            0.5);
    new DriftResultStore(db)
        .insert(
            new Evaluation(
                OUTCOMES,
                "v2",
                "v1",
                T0,
                end,
                120,
                1_080,
                List.of(
                    new GateResult("outcome:model_score", null, Verdict.BREACH, true, evidence))));

    List<Row> outcome =
        adHoc(
            SqlScripts.Mode.BATCH,
            "SELECT gate, candidate_mean, baseline_mean FROM drift_result WHERE dataset = '"
                + OUTCOMES
                + "'");
    assertThat(outcome)
        .extracting(r -> r.getField(0), r -> r.getField(1), r -> r.getField(2))
        .containsExactly(tuple("outcome:model_score", 0.49, 0.5));
    List<Row> dataGates =
        adHoc(
            SqlScripts.Mode.BATCH,
            "SELECT COUNT(*), COUNT(candidate_mean), COUNT(baseline_mean) FROM drift_result"
                + " WHERE dataset = '"
                + ROLLED_BACK
                + "'");
    assertThat(dataGates.get(0).getField(0))
        .isEqualTo(
            count("SELECT COUNT(*) FROM drift_result WHERE dataset = '" + ROLLED_BACK + "'"));
    assertThat((Long) dataGates.get(0).getField(0)).isPositive();
    assertThat(dataGates.get(0).getField(1)).isEqualTo(0L);
    assertThat(dataGates.get(0).getField(2)).isEqualTo(0L);
  }

  // --- running the SQL files ---

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> DDL =
      List.of("flink/tables-kafka.sql", "flink/tables-jdbc.sql", "flink/functions.sql");

  private static Map<String, String> variables(Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>();
    variables.put("kafka.bootstrap-servers", KAFKA.bootstrapServers());
    variables.put("kafka.bounded-mode", "latest-offset");
    variables.put("topic.records", topic("records"));
    variables.put("topic.drift-results", topic("drift"));
    variables.put("topic.rollout-events", topic("events"));
    variables.put("topic.routing", topic("routing"));
    variables.put("topic.dead-letters", topic("dlq"));
    variables.put("jdbc.url", db.url());
    variables.put("jdbc.user", db.user());
    variables.put("jdbc.password", db.password() == null ? "" : db.password());
    variables.putAll(extra);
    return variables;
  }

  /** Runs the DDL, then the query file in the mode its header names, and collects the answer. */
  private static List<Row> query(String file, Map<String, String> extra) {
    SqlScripts query =
        SqlScripts.load(SQL.resolve("flink/queries").resolve(file), variables(extra));
    assertThat(query.statements()).as(file).hasSize(1);
    assertThat(query.mode()).as("%s names its mode", file).isPresent();
    TableEnvironment env = environment(query.mode().orElseThrow());
    return collect(env.executeSql(query.statements().get(0).sql()));
  }

  private static List<Row> adHoc(SqlScripts.Mode mode, String sql) {
    return collect(environment(mode).executeSql(sql));
  }

  private static TableEnvironment environment(SqlScripts.Mode mode) {
    EnvironmentSettings settings =
        mode == SqlScripts.Mode.BATCH
            ? EnvironmentSettings.inBatchMode()
            : EnvironmentSettings.inStreamingMode();
    TableEnvironment env = TableEnvironment.create(settings);
    env.getConfig().set("parallelism.default", "1");
    // What a SQL client user SETs for driftgate_version(dataset, cohort_key) (sql/README.md).
    env.getConfig()
        .set(
            "pipeline.global-job-parameters",
            "%s:\"%s\",%s:%s"
                .formatted(
                    DriftgateOptions.JDBC_URL.key(),
                    db.url(),
                    DriftgateOptions.JDBC_USER.key(),
                    db.user()));
    for (String ddl : DDL) {
      for (SqlScripts.Statement statement :
          SqlScripts.load(SQL.resolve(ddl), variables(Map.of())).statements()) {
        try {
          env.executeSql(statement.sql());
        } catch (RuntimeException e) {
          throw new AssertionError("failed: " + statement, e);
        }
      }
    }
    return env;
  }

  private static List<Row> collect(TableResult result) {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = result.collect()) {
      it.forEachRemaining(rows::add);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  // --- input ---

  private static String topic(String name) {
    return prefix + "-" + name;
  }

  /** Both datasets' versions, 300 rows a minute each for 8 minutes; sql.rollback's v2 drifts. */
  private static void produceRecords() {
    try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer(Map.of())) {
      for (int m = 0; m < 8; m++) {
        for (int r = 0; r < ROWS_PER_MINUTE; r++) {
          long eventTime = T0.toEpochMilli() + m * 60_000L + r * (60_000L / ROWS_PER_MINUTE);
          for (String dataset : List.of(ROLLED_BACK, LIVE)) {
            for (String version : List.of("v1", "v2")) {
              SplittableRandom random =
                  new SplittableRandom(
                      dataset.hashCode() * 31L + version.hashCode() * 7919L + m * 977L + r);
              boolean drifted = dataset.equals(ROLLED_BACK) && version.equals("v2") && m >= 3;
              double x = random.nextGaussian() + (drifted ? 2.0 : 0.0);
              String seg = new String[] {"a", "a", "b", "c"}[random.nextInt(4)];
              String json =
                  ("{\"dataset\":\"%s\",\"version\":\"%s\",\"event_time\":%d,"
                          + "\"cohort_key\":\"u%d\",\"fields\":{\"id\":\"%s-%d-%d\",\"x\":%s,"
                          + "\"seg\":\"%s\",\"y\":%s}}")
                      .formatted(
                          dataset,
                          version,
                          eventTime,
                          r % 97,
                          version,
                          m,
                          r,
                          x,
                          seg,
                          random.nextDouble());
              send(producer, dataset, json, eventTime);
            }
          }
        }
        if (m == 1) {
          long t = T0.toEpochMilli() + 90_000;
          send(producer, "bad", "{not json", t);
          send(producer, "bad", "[1,2]", t);
          for (int i = 0; i < 2; i++) {
            send(
                producer,
                "bad",
                "{\"dataset\":\"no.such\",\"version\":\"v1\",\"event_time\":"
                    + t
                    + ",\"cohort_key\":\"u1\",\"fields\":{}}",
                t);
          }
        }
      }
      producer.flush();
    }
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String key, String json, long eventTime) {
    producedRecords++;
    producer.send(
        new ProducerRecord<>(
            topic("records"),
            null,
            eventTime + 500,
            key.getBytes(StandardCharsets.UTF_8),
            json.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] start(String dataset) {
    return ControlJson.toBytes(
        new Command.Start(
            "c-start-" + dataset, dataset, "release-bot", T0.plusSeconds(60), "v2", "v1", null));
  }

  private static byte[] approve(String dataset) {
    return ControlJson.toBytes(
        new Command.Approve("c-approve-" + dataset, dataset, "alice", T0.plusSeconds(60), 1));
  }

  private static void control(String dataset, byte[]... commands) {
    for (byte[] command : commands) {
      KAFKA.produce(
          topic("control"),
          dataset.getBytes(StandardCharsets.UTF_8),
          command,
          System.currentTimeMillis());
    }
  }

  // --- what the job wrote, read directly ---

  /** The topic's values as the job left them, read once (after the job) and kept. */
  private static List<JsonNode> values(String name) {
    return TOPICS.computeIfAbsent(name, FlinkSqlTest::read);
  }

  private static List<JsonNode> read(String name) {
    List<JsonNode> nodes = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : KAFKA.consumeAll(topic(name), TIMEOUT)) {
      try {
        nodes.add(JSON.readTree(record.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(nodes);
  }

  private static List<JsonNode> decisions(String dataset) {
    List<JsonNode> decisions = new ArrayList<>();
    for (JsonNode d : values("events")) {
      if (d.get("dataset").asText().equals(dataset)) {
        decisions.add(d);
      }
    }
    decisions.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
    return decisions;
  }

  private static JsonNode byKind(List<JsonNode> decisions, String kind) {
    return decisions.stream()
        .filter(d -> d.get("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " decision"));
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.elements().forEachRemaining(nodes::add);
    return nodes.stream();
  }

  /** A JDBC table's timestamp: the instant's local date-time in this JVM's time zone. */
  private static LocalDateTime local(JsonNode text) {
    return local(Instant.parse(text.asText()));
  }

  private static LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
  }

  private static Map<String, RoutingEntry> routing() throws Exception {
    Map<String, RoutingEntry> entries = new LinkedHashMap<>();
    for (RoutingRow row : new StatusReader(db).routing()) {
      entries.put(row.entry().dataset(), row.entry());
    }
    return entries;
  }

  private static long count(String sql) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
