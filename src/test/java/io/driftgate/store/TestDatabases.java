package io.driftgate.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, isolated databases for tests: an H2 in-memory database in PostgreSQL mode, or a new schema
 * in a real PostgreSQL. Each call returns its own database (or schema), so tests never see each
 * other's rows; {@link #release} throws it away.
 *
 * <p>PostgreSQL is {@value #DEFAULT_POSTGRES_URL} as user {@value #DEFAULT_POSTGRES_USER} unless
 * the environment says otherwise ({@value #URL_ENV}, {@value #USER_ENV}, {@value #PASSWORD_ENV}).
 * When it does not answer, tests that need it are skipped on a developer's machine but fail in CI
 * ({@code CI=true}), where a silent skip would hide that the database half of the suite never ran.
 */
public final class TestDatabases {

  public static final String URL_ENV = "DRIFTGATE_TEST_JDBC_URL";
  public static final String USER_ENV = "DRIFTGATE_TEST_JDBC_USER";
  public static final String PASSWORD_ENV = "DRIFTGATE_TEST_JDBC_PASSWORD";
  public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String DEFAULT_POSTGRES_USER = "postgres";

  private static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  /** A server that does not answer within seconds is not there. */
  private static final JdbcTimeouts PROBE_TIMEOUTS =
      new JdbcTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));

  /** Settings handed out by {@link #postgres()}, with the schema each one owns. */
  private static final Map<JdbcSettings, String> SCHEMAS = new ConcurrentHashMap<>();

  /** Why PostgreSQL is unreachable, once known; the empty string when it is reachable. */
  private static volatile String postgresProblem;

  private TestDatabases() {}

  /** A fresh H2 in-memory database (PostgreSQL mode) with driftgate's schema. */
  public static JdbcSettings h2() {
    return migrated(emptyH2());
  }

  /** A fresh H2 in-memory database (PostgreSQL mode) without any table. */
  public static JdbcSettings emptyH2() {
    return new JdbcSettings("jdbc:h2:mem:dg_" + UUID.randomUUID() + H2_OPTIONS, "sa", null);
  }

  /**
   * A fresh schema {@code dg_test_<random>} in the test PostgreSQL with driftgate's schema,
   * selected by {@code currentSchema} in the returned URL. Skips or fails the calling test if
   * PostgreSQL is unreachable (see the class comment).
   */
  public static JdbcSettings postgres() {
    return migrated(emptyPostgres());
  }

  /** Like {@link #postgres()}, but the schema is empty. */
  public static JdbcSettings emptyPostgres() {
    JdbcSettings server = postgresServer();
    requireReachable(server);
    String schema = "dg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(server, "CREATE SCHEMA " + schema);
    String separator = server.url().contains("?") ? "&" : "?";
    JdbcSettings settings =
        new JdbcSettings(
            server.url() + separator + "currentSchema=" + schema, server.user(), server.password());
    SCHEMAS.put(settings, schema);
    return settings;
  }

  /** Throws away a database from this class: drops the PostgreSQL schema or the H2 database. */
  public static void release(JdbcSettings settings) {
    if (settings == null) {
      return;
    }
    String schema = SCHEMAS.remove(settings);
    if (schema != null) {
      execute(postgresServer(), "DROP SCHEMA " + schema + " CASCADE");
    } else if (settings.url().startsWith("jdbc:h2:mem:")) {
      execute(settings, "SHUTDOWN");
    }
  }

  /** The test PostgreSQL's connection settings, from the environment or the defaults. */
  public static JdbcSettings postgresServer() {
    return new JdbcSettings(
        env(URL_ENV, DEFAULT_POSTGRES_URL),
        env(USER_ENV, DEFAULT_POSTGRES_USER),
        System.getenv(PASSWORD_ENV));
  }

  private static JdbcSettings migrated(JdbcSettings settings) {
    Schema.migrate(settings);
    return settings;
  }

  private static void requireReachable(JdbcSettings server) {
    if (postgresProblem == null) {
      postgresProblem = probe(server);
    }
    if (postgresProblem.isEmpty()) {
      return;
    }
    String message =
        "PostgreSQL is not reachable at "
            + server.url()
            + " as user "
            + server.user()
            + " ("
            + postgresProblem
            + "). Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect <version> main start`)"
            + " or point the tests at one with "
            + URL_ENV
            + ", "
            + USER_ENV
            + " and "
            + PASSWORD_ENV
            + ".";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true, so the PostgreSQL tests must run: " + message);
    }
    Assumptions.abort(message);
  }

  /** Empty if a connection opens within a few seconds, else why not. */
  private static String probe(JdbcSettings server) {
    JdbcSettings quick =
        new JdbcSettings(server.url(), server.user(), server.password(), PROBE_TIMEOUTS);
    try (Connection connection = quick.connect()) {
      return "";
    } catch (SQLException e) {
      return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
  }

  private static void execute(JdbcSettings settings, String sql) {
    try (Connection connection = settings.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          String.format(Locale.ROOT, "%s on %s failed: %s", sql, settings, e.getMessage()), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Every row {@code sql} returns, each column as a string ({@code "null"} for SQL NULL). */
  public static java.util.List<java.util.List<String>> rows(JdbcSettings db, String sql)
      throws SQLException {
    java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        java.util.List<String> row = new java.util.ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          row.add(String.valueOf(rs.getString(c)));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
