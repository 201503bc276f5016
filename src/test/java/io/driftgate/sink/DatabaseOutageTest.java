package io.driftgate.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.Reason;
import io.driftgate.rollout.RollbackReason;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.HeldConnection;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.JdbcTimeouts;
import io.driftgate.store.TestDatabases;
import io.driftgate.testing.TcpProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sink writer against the real PostgreSQL while the database goes away and comes back: between
 * them sits a {@link TcpProxy}, which drops the writer's connection and refuses new ones as a
 * server that is down does, without touching any other test's connections.
 */
class DatabaseOutageTest {

  private static final String DATASET = "outage.dataset";
  private static final Instant AT = Instant.parse("2024-05-01T08:00:00Z");

  /** Short waits, so that a few retries take milliseconds. */
  private static final RetryPolicy QUICK =
      new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(200), null);

  private static final JdbcTimeouts TIMEOUTS =
      new JdbcTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));

  /** How long a condition the test waits for may take before the test fails. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ExecutorService task = Executors.newSingleThreadExecutor();
  private final SimpleCounter retries = new SimpleCounter();
  private JdbcSettings db;
  private TcpProxy proxy;

  @BeforeEach
  void databaseBehindAProxy() throws Exception {
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(DATASET, "v1", AT);
    URI server = URI.create(db.url().substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
  }

  @AfterEach
  void cleanUp() throws Exception {
    task.shutdownNow();
    assertThat(task.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    proxy.close();
    TestDatabases.release(db);
  }

  @Test
  void anOutageIsWaitedOutAndTheRollbackAppliedOnce() throws Exception {
    Decision rollback = decision(3, DecisionKind.ROLLED_BACK, RollbackReason.PERSISTENT_BREACH);
    try (RetryingWriter<Decision> writer = writer(QUICK)) {
      writer.write(decision(1, DecisionKind.HELD, HoldReason.MIN_SAMPLES));
      writer.write(decision(2, DecisionKind.HELD, HoldReason.MIN_SAMPLES));
      assertThat(proxy.accepted()).as("one connection for every write").isEqualTo(1);

      proxy.cut();
      Future<Void> pending = task.submit(() -> write(writer, rollback));
      await("retries while the database is away", () -> retries.getCount() >= 3);
      assertThat(writer.unreachable()).isTrue();
      assertThat(pending).isNotDone();
      assertThat(count("alias_history", rollback)).isZero();

      proxy.restore();
      pending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(writer.unreachable()).isFalse();
      assertThat(proxy.accepted()).as("a new connection after the outage").isEqualTo(2);

      writer.write(rollback);
    }
    assertThat(count("alias_history", rollback)).as("alias_history rows").isEqualTo(1);
    assertThat(count("rollout_event", rollback)).as("rollout_event rows").isEqualTo(1);
    assertThat(aliasGenerationAndDecision()).isEqualTo("2 " + rollback.decisionId());
  }

  @Test
  void aWriteThatCannotSucceedFailsAtOnce() throws Exception {
    TestDatabases.release(db);
    db = TestDatabases.emptyPostgres();
    try (RetryingWriter<Decision> writer = writer(QUICK)) {
      assertThatThrownBy(() -> writer.write(decision(1, DecisionKind.HELD, HoldReason.PAUSED)))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
      assertThat(retries.getCount()).isZero();
      assertThat(writer.unreachable()).isFalse();
    }
  }

  @Test
  void aMaxDurationEndsTheWait() throws Exception {
    RetryPolicy noWait =
        new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
    proxy.cut();
    try (RetryingWriter<Decision> writer = writer(noWait)) {
      assertThatThrownBy(() -> writer.write(decision(1, DecisionKind.HELD, HoldReason.PAUSED)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("driftgate.jdbc.retry.max-duration")
          .extracting(e -> ((SQLException) e).getSQLState())
          .asString()
          .startsWith("08");
      assertThat(retries.getCount()).isZero();
    }
  }

  @Test
  void cancellingTheTaskEndsTheWait() throws Exception {
    proxy.cut();
    try (RetryingWriter<Decision> writer = writer(QUICK)) {
      Future<Void> pending =
          task.submit(() -> write(writer, decision(1, DecisionKind.HELD, HoldReason.PAUSED)));
      await("a retry", () -> retries.getCount() >= 1);

      task.shutdownNow();

      assertThat(task.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(pending).isDone();
    }
  }

  private RetryingWriter<Decision> writer(RetryPolicy policy) {
    HeldConnection connection = new HeldConnection(proxied());
    return new RetryingWriter<>(new DecisionStore(connection)::apply, connection, policy, retries);
  }

  private JdbcSettings proxied() {
    String url = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    return new JdbcSettings(url, db.user(), db.password(), TIMEOUTS);
  }

  private static Void write(RetryingWriter<Decision> writer, Decision decision) throws Exception {
    writer.write(decision);
    return null;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("%s within %s", what, PATIENCE).isTrue();
      Thread.sleep(10);
    }
  }

  private int count(String table, Decision decision) throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE decision_id = ?")) {
      statement.setString(1, decision.decisionId().toString());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private String aliasGenerationAndDecision() throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT generation, decision_id FROM dataset_alias WHERE dataset = ?")) {
      statement.setString(1, DATASET);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) + " " + rows.getString(2);
      }
    }
  }

  private static Decision decision(long sequence, DecisionKind kind, Reason reason) {
    boolean rollback = kind == DecisionKind.ROLLED_BACK;
    return new Decision(
        UUID.nameUUIDFromBytes((DATASET + "#" + sequence).getBytes(UTF_8)),
        sequence,
        DATASET,
        "v2",
        "v1",
        kind,
        Phase.STAGE,
        rollback ? Phase.ROLLED_BACK : Phase.STAGE,
        1,
        rollback ? 0 : 500,
        rollback,
        reason,
        "outage test",
        List.of(),
        Decision.AUTOMATIC,
        AT.plusSeconds(sequence));
  }
}
