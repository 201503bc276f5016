package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.PostgresRoles;
import io.driftgate.store.RoutingTableResolver;
import io.driftgate.store.Schema;
import io.driftgate.store.StatusReader;
import io.driftgate.store.StatusReport;
import io.driftgate.store.TestDatabases;
import io.driftgate.wire.ControlJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, deliverable 5: the roles of {@code sql/roles/driftgate-roles.sql} on the real
 * PostgreSQL. The migrator migrates; the whole job runs a rollout to promotion as the job role with
 * {@code driftgate.jdbc.migrate=false}; the job role cannot change the schema, and the reader role
 * cannot write but can run what {@code status}, {@code resolve} and the consumers' resolver run.
 */
class LeastPrivilegeRolesTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";

  /** How long the bounded job may take before the test fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(180);

  /** PostgreSQL's insufficient_privilege. */
  private static final String DENIED = "42501";

  private static final List<String> PRIVILEGES =
      List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");

  private JdbcSettings admin;
  private PostgresRoles roles;

  @BeforeEach
  void setUp() throws Exception {
    admin = TestDatabases.emptyPostgres();
    roles = PostgresRoles.create(admin);
    assertThat(Schema.migrate(roles.migrator())).isEqualTo("9");
    roles.applyScript();
  }

  @AfterEach
  void tearDown() throws SQLException {
    try {
      TestDatabases.release(admin);
    } finally {
      if (roles != null) {
        roles.close();
      }
    }
  }

  @Test
  void eachRoleHasExactlyTheTablePrivilegesTheScriptDocuments() throws SQLException {
    String update = "SELECT, INSERT, UPDATE";
    String append = "SELECT, INSERT";
    assertThat(privileges(roles.jobName()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dataset_alias", update,
                "cohort_routing", update,
                "gate_snapshot", update,
                "notification_outbox", update,
                "alias_history", append,
                "rollout_event", append,
                "drift_result", append,
                "decision_id_reuse", append,
                "version_location", append,
                "flyway_schema_history", ""));
    assertThat(viewPrivileges(roles.jobName()))
        .as("the views are for reading")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("dataset_alias_location", "SELECT", "cohort_routing_location", "SELECT"));
    assertThat(viewPrivileges(roles.readerName()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("dataset_alias_location", "SELECT", "cohort_routing_location", "SELECT"));
    assertThat(privileges(roles.readerName()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dataset_alias", "SELECT",
                "cohort_routing", "SELECT",
                "gate_snapshot", "SELECT",
                "notification_outbox", "SELECT",
                "alias_history", "SELECT",
                "rollout_event", "SELECT",
                "drift_result", "SELECT",
                "decision_id_reuse", "SELECT",
                "version_location", "SELECT",
                "flyway_schema_history", ""));
    assertThat(
            TestDatabases.rows(
                admin,
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = '"
                    + roles.schema()
                    + "'"))
        .containsExactly(List.of(roles.migratorName()));

    List<List<String>> functions =
        query(
            ("SELECT p.proname, has_function_privilege('%s', p.oid, 'EXECUTE'),"
                    + " has_function_privilege('%s', p.oid, 'EXECUTE')"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = '%s'")
                .formatted(roles.readerName(), roles.jobName(), roles.schema()));
    assertThat(functions)
        .extracting(row -> row.get(0))
        .contains("driftgate_resolve", "driftgate_resolve_location", "driftgate_bucket");
    assertThat(functions)
        .as("the reader executes every function, the job none")
        .allSatisfy(row -> assertThat(row.subList(1, 3)).containsExactly("t", "f"));
  }

  @Test
  void theJobRunsARolloutAsTheJobRoleWhichCannotChangeTheSchema() throws Exception {
    JdbcSettings job = roles.job();
    new DecisionStore(job).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    TestJobs.Topics topics =
        new TestJobs.Topics("roles-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
    produce(topics, ItRecords.rows(1, Stream.healthy("v1", 0, 9), Stream.healthy("v2", 0, 9)));
    control(topics, start(), approveStage2());

    Configuration config = TestJobs.config(KAFKA, job, topics, topics.prefix(), CONTRACTS, true, 1);
    config.set(DriftgateOptions.JDBC_MIGRATE, false);
    runToTheEnd(DriftgateJob.prepare(config).executeAsync("least-privilege"));

    assertThat(query("SELECT version, generation FROM dataset_alias"))
        .containsExactly(List.of("v2", "2"));
    assertThat(query("SELECT kind, from_version, to_version, outcome FROM alias_history"))
        .containsExactly(List.of("PROMOTED", "v1", "v2", "APPLIED"));
    assertThat(query("SELECT kind FROM rollout_event ORDER BY sequence"))
        .extracting(row -> row.get(0))
        .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "ADVANCED", "PROMOTED");
    assertThat(query("SELECT phase, reference_version FROM gate_snapshot"))
        .containsExactly(List.of("PROMOTED", "v2"));
    assertThat(query("SELECT exposure_bp, baseline_version FROM cohort_routing"))
        .containsExactly(List.of("0", "v2"));
    assertThat(query("SELECT count(*) > 0 FROM drift_result")).containsExactly(List.of("t"));

    assertDenied(job, "CREATE TABLE intruder (id INTEGER)");
    assertDenied(job, "DROP TABLE dataset_alias");
    assertDenied(job, "ALTER TABLE rollout_event ADD COLUMN intruder INTEGER");
    assertDenied(job, "TRUNCATE drift_result");
    assertDenied(job, "DELETE FROM alias_history");
    assertDenied(job, "UPDATE rollout_event SET message = 'rewritten'");
    assertDenied(job, "SELECT * FROM flyway_schema_history");

    JdbcSettings reader = roles.reader();
    assertDenied(reader, "INSERT INTO dataset_alias VALUES ('x', 'v1', 1, now(), NULL, NULL)");
    assertDenied(reader, "UPDATE dataset_alias SET version = 'v1'");
    assertDenied(reader, "DELETE FROM dataset_alias");
    assertThat(new RoutingTableResolver(reader, Duration.ZERO).resolve(ItRecords.DATASET, "u1"))
        .isEqualTo("v2");
    assertThat(status(reader)).contains(ItRecords.DATASET).contains("PROMOTED").contains("v2");
    assertThat(
            TestDatabases.rows(
                reader, "SELECT driftgate_resolve('" + ItRecords.DATASET + "', 'u1')"))
        .containsExactly(List.of("v2"));
    assertDenied(job, "SELECT driftgate_resolve('" + ItRecords.DATASET + "', 'u1')");
    assertDenied(job, "UPDATE version_location SET location = 'elsewhere'");
    assertThat(
            TestDatabases.rows(
                reader, "SELECT driftgate_resolve_location('" + ItRecords.DATASET + "', 'u1')"))
        .as("the reader may call it; no location recorded")
        .containsExactly(Collections.singletonList("null"));
  }

  /** Waits, boundedly, for the bounded job to finish; cancels it if it does not. */
  private static void runToTheEnd(JobClient job) throws Exception {
    try {
      job.getJobExecutionResult().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      if (!job.getJobStatus().get().isGloballyTerminalState()) {
        job.cancel().get();
      }
    }
  }

  /** Everything {@code status --dataset} prints, read as {@code reader}, as the CLI reads it. */
  private static String status(JdbcSettings reader) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      StatusReport report = new StatusReport(new StatusReader(reader), out);
      report.aliases();
      report.routing();
      report.history(ItRecords.DATASET);
      report.events(ItRecords.DATASET, 20);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void assertDenied(JdbcSettings role, String sql) {
    assertThatThrownBy(() -> execute(role, sql))
        .as("%s as %s", sql, role.user())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(DENIED));
  }

  private static void execute(JdbcSettings role, String sql) throws SQLException {
    try (Connection connection = role.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Table to the privileges {@code role} holds on it, in {@link #PRIVILEGES} order. */
  private Map<String, String> privileges(String role) throws SQLException {
    return privileges(
        role, "SELECT tablename FROM pg_tables WHERE schemaname = '" + roles.schema() + "'");
  }

  private Map<String, String> viewPrivileges(String role) throws SQLException {
    return privileges(
        role, "SELECT viewname FROM pg_views WHERE schemaname = '" + roles.schema() + "'");
  }

  private Map<String, String> privileges(String role, String tables) throws SQLException {
    Map<String, String> byTable = new TreeMap<>();
    for (List<String> table : query(tables)) {
      String name = roles.schema() + "." + table.get(0);
      StringBuilder held = new StringBuilder();
      for (String privilege : PRIVILEGES) {
        boolean has =
            query("SELECT has_table_privilege('%s', '%s', '%s')".formatted(role, name, privilege))
                .get(0)
                .get(0)
                .equals("t");
        if (has) {
          held.append(held.isEmpty() ? "" : ", ").append(privilege);
        }
      }
      byTable.put(table.get(0), held.toString());
    }
    return byTable;
  }

  private List<List<String>> query(String sql) throws SQLException {
    return TestDatabases.rows(admin, sql);
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

  private static Command start() {
    return new Command.Start(
        "c-start-v2", ItRecords.DATASET, "release-bot", minute(1), "v2", "v1", null);
  }

  private static Command approveStage2() {
    return new Command.Approve("c-approve-2", ItRecords.DATASET, "alice", minute(1), 1);
  }
}
