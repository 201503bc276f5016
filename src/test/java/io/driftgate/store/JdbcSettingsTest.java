package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

  private static final JdbcTimeouts TIMEOUTS =
      new JdbcTimeouts(Duration.ofSeconds(3), Duration.ofMillis(6_500), Duration.ofMillis(1_500));

  @Test
  void toStringHidesThePassword() {
    JdbcSettings settings = new JdbcSettings("jdbc:postgresql://db/x", "driftgate", "s3cret");

    assertThat(settings.toString()).doesNotContain("s3cret").contains("driftgate", "****");
    assertThat(new JdbcSettings("jdbc:h2:mem:x", "sa", null).toString()).contains("<none>");
  }

  @Test
  void rejectsWhatIsNotAJdbcUrl() {
    assertThatThrownBy(() -> new JdbcSettings("postgresql://db/x", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:");
  }

  @Test
  void aUrlNoDriverAcceptsFailsWithoutASqlStateThatInvitesRetries() {
    assertThatThrownBy(() -> new JdbcSettings("jdbc:nosuchdb://x", null, null).connect())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no JDBC driver")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isNull();
  }

  @Test
  void rejectsALockTimeoutThatASocketTimeoutWouldCutShort() {
    assertThatThrownBy(
            () ->
                new JdbcTimeouts(
                    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than the socket timeout");
  }

  @Test
  void postgresConnectionsWaitOnlyAsLongAsTheTimeoutsSay() throws SQLException {
    JdbcSettings db = TestDatabases.emptyPostgres();
    JdbcSettings bounded = new JdbcSettings(db.url(), db.user(), db.password(), TIMEOUTS);
    try (Connection connection = bounded.connect()) {
      assertThat(show(connection, "lock_timeout")).isEqualTo("1500ms");
      assertThat(show(connection, "application_name")).isEqualTo("driftgate");
      assertThat(connection.getNetworkTimeout())
          .as("socket timeout, whole seconds")
          .isEqualTo(7_000);
    } finally {
      TestDatabases.release(db);
    }
  }

  @Test
  void theAliasCompareAndSetGivesUpBehindAStuckTransaction() throws SQLException {
    JdbcSettings db = TestDatabases.postgres();
    JdbcSettings bounded = new JdbcSettings(db.url(), db.user(), db.password(), TIMEOUTS);
    try (Connection stuck = db.connect()) {
      new DecisionStore(db)
          .ensureAlias(StoreFixtures.DATASET, StoreFixtures.BASELINE, StoreFixtures.T0);
      stuck.setAutoCommit(false);
      try (Statement statement = stuck.createStatement()) {
        statement.execute("SELECT * FROM dataset_alias FOR UPDATE");
      }

      assertThatThrownBy(() -> new DecisionStore(bounded).apply(StoreFixtures.promotion(1)))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("55P03");
      stuck.rollback();
    } finally {
      TestDatabases.release(db);
    }
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
