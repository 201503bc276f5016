package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateState;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.sink.JdbcWrite;
import io.driftgate.store.ApplyOutcome;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.StatusReader;
import io.driftgate.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision sinks' write against a database that already holds another history of the dataset,
 * as after a job was started without its state: decisions of a new rollout are written beside the
 * old ones, and a decision whose id the database holds for another decision, or that finds the
 * alias elsewhere, is counted for the alert rather than skipped. On H2 and on PostgreSQL.
 */
class DecisionWriteTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  private static final String DATASET = "it.features";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final MetricListener metrics = new MetricListener();
  private JdbcSettings db;
  private JdbcWrite.Writer<Decision> writer;

  static Stream<Named<Supplier<JdbcSettings>>> databases() {
    return Stream.of(
        Named.of("H2", TestDatabases::h2), Named.of("PostgreSQL", TestDatabases::postgres));
  }

  @AfterEach
  void releaseDatabase() throws SQLException {
    if (writer != null) {
      writer.close();
    }
    TestDatabases.release(db);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aJobStartedWithoutItsStateWritesItsRolloutBesideTheOldOne(Supplier<JdbcSettings> database)
      throws Exception {
    db = database.get();
    new DecisionStore(db).ensureAlias(DATASET, "v1", T0);
    List<Decision> before = history(start("start-1", 0), pause("pause-1", 1), abort("abort-1", 2));
    List<Decision> after =
        history(start("start-2", 10), pause("pause-2", 11), rollback("rollback-2", 12));
    assertThat(after)
        .as("the fresh state numbers from 1 again, and accepts the aborted candidate")
        .extracting(Decision::sequence, Decision::kind)
        .containsExactly(
            tuple(1L, DecisionKind.STARTED),
            tuple(2L, DecisionKind.PAUSED),
            tuple(3L, DecisionKind.ROLLED_BACK));

    write(before);
    write(after);

    assertThat(count("rollout_event")).isEqualTo(6);
    assertThat(count("decision_id_reuse")).isZero();
    assertThat(conflicts(ApplyOutcome.ID_REUSED).getCount()).isZero();
    assertThat(conflicts(ApplyOutcome.CONFLICT).getCount()).isZero();
    assertThat(new StatusReader(db).history(DATASET))
        .singleElement()
        .satisfies(row -> assertThat(row.outcome()).isEqualTo(ApplyOutcome.APPLIED));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aReusedIdIsRecordedAndCountedOnEveryWrite(Supplier<JdbcSettings> database) throws Exception {
    db = database.get();
    new DecisionStore(db).ensureAlias(DATASET, "v1", T0);
    write(history(start("start-1", 0), pause("pause-1", 1), abort("abort-1", 2)));
    // The control topic read again by a job without state: the same start, then another history.
    List<Decision> replayed = history(start("start-1", 0), rollback("rollback-1", 3));

    write(replayed);
    write(replayed);

    assertThat(conflicts(ApplyOutcome.ID_REUSED).getCount())
        .as("the rollback, once per write; the start is a true replay")
        .isEqualTo(2);
    assertThat(count("rollout_event")).isEqualTo(3);
    assertThat(count("decision_id_reuse")).isEqualTo(1);
    assertThat(new StatusReader(db).history(DATASET)).as("the alias was not touched").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAliasConflictIsCounted(Supplier<JdbcSettings> database) throws Exception {
    db = database.get();
    new DecisionStore(db).ensureAlias(DATASET, "v0", T0);

    write(history(start("start-1", 0), rollback("rollback-1", 1)));

    assertThat(conflicts(ApplyOutcome.CONFLICT).getCount()).isEqualTo(1);
    assertThat(conflicts(ApplyOutcome.ID_REUSED).getCount()).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theCountersExistBeforeTheFirstConflict(Supplier<JdbcSettings> database) throws Exception {
    db = database.get();

    write(List.of());

    assertThat(conflicts(ApplyOutcome.CONFLICT).getCount()).isZero();
    assertThat(conflicts(ApplyOutcome.ID_REUSED).getCount()).isZero();
  }

  /** The decisions a gate with fresh state makes of {@code commands}. */
  private static List<Decision> history(Command... commands) {
    DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
    List<Decision> decisions = new ArrayList<>();
    for (Command command : commands) {
      GateOutput out = new GateOutput();
      gate.onCommand(command, out);
      decisions.addAll(out.decisions());
    }
    return decisions;
  }

  /** Writes as the sink's one writer does, opened on its {@code driftgate} metric group. */
  private void write(List<Decision> decisions) throws SQLException {
    if (writer == null) {
      writer = new DecisionWrite().open(db, metrics.getMetricGroup().addGroup(JobMetrics.GROUP));
    }
    for (Decision decision : decisions) {
      writer.write(decision);
    }
  }

  private Counter conflicts(ApplyOutcome outcome) {
    return metrics
        .getCounter(
            JobMetrics.GROUP, JobMetrics.OUTCOME, outcome.name(), JobMetrics.DECISION_CONFLICTS)
        .orElseThrow();
  }

  private long count(String table) throws SQLException {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Instant minute(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  private static Command.Start start(String id, int minute) {
    return new Command.Start(id, DATASET, "release-bot", minute(minute), "v2", "v1", null);
  }

  private static Command.Pause pause(String id, int minute) {
    return new Command.Pause(id, DATASET, "alice", minute(minute));
  }

  private static Command.Abort abort(String id, int minute) {
    return new Command.Abort(id, DATASET, "alice", minute(minute), "wrong build");
  }

  private static Command.ManualRollback rollback(String id, int minute) {
    return new Command.ManualRollback(id, DATASET, "alice", minute(minute), "incident 42");
  }
}
