package io.driftgate.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/**
 * Where driftgate's tables live. A value rather than a {@code DataSource} so that it can travel
 * inside a serialized Flink function and every process opens its own connections. As a {@link
 * ConnectionSource} it opens a connection per transaction.
 *
 * @param url a JDBC URL, e.g. {@code jdbc:postgresql://db:5432/driftgate}
 * @param user the user, or {@code null} to let the driver decide
 * @param password the password, or {@code null} for trust/peer authentication; never printed
 * @param timeouts how long a connection may wait for the database
 */
public record JdbcSettings(String url, String user, String password, JdbcTimeouts timeouts)
    implements ConnectionSource {

  private static final String POSTGRESQL = "jdbc:postgresql:";

  /** What {@code pg_stat_activity} shows for driftgate's connections. */
  private static final String APPLICATION_NAME = "driftgate";

  public JdbcSettings {
    Objects.requireNonNull(url, "jdbc url");
    Objects.requireNonNull(timeouts, "timeouts");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbc url must start with 'jdbc:', got '" + url + "'");
    }
  }

  /** Settings with the {@linkplain JdbcTimeouts#DEFAULTS default timeouts}. */
  public JdbcSettings(String url, String user, String password) {
    this(url, user, password, JdbcTimeouts.DEFAULTS);
  }

  /**
   * Opens a new connection in auto-commit mode, through the driver that the running code's class
   * loader provides ({@link JdbcDrivers}); the caller closes it.
   */
  public Connection connect() throws SQLException {
    Driver driver = JdbcDrivers.forUrl(url);
    Connection connection = driver.connect(url, properties());
    if (connection == null) {
      throw new SQLException(driver.getClass().getName() + " refused " + url);
    }
    if (isPostgres()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET lock_timeout = " + timeouts.lock().toMillis());
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /** A new connection per transaction. */
  @Override
  public Connection acquire() throws SQLException {
    return connect();
  }

  @Override
  public void release(Connection connection) throws SQLException {
    connection.close();
  }

  private Properties properties() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    if (isPostgres()) {
      properties.setProperty("connectTimeout", JdbcTimeouts.seconds(timeouts.connect()));
      properties.setProperty("socketTimeout", JdbcTimeouts.seconds(timeouts.socket()));
      properties.setProperty("ApplicationName", APPLICATION_NAME);
    }
    return properties;
  }

  /** Whether this is PostgreSQL, whose snapshot level and session settings differ from H2's. */
  boolean isPostgres() {
    return url.startsWith(POSTGRESQL);
  }

  /** Settings logged in stack traces and job graphs must not leak the password. */
  @Override
  public String toString() {
    return "JdbcSettings[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null ? "<none>" : "****")
        + ", timeouts="
        + timeouts
        + "]";
  }
}
