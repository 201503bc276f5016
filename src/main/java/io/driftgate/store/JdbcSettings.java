package io.driftgate.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where driftgate's tables live. A value rather than a {@code DataSource} so that it can travel
 * inside a serialized Flink function and every process opens its own connections.
 *
 * @param url a JDBC URL, e.g. {@code jdbc:postgresql://db:5432/driftgate}
 * @param user the user, or {@code null} to let the driver decide
 * @param password the password, or {@code null} for trust/peer authentication; never printed
 */
public record JdbcSettings(String url, String user, String password) {

  public JdbcSettings {
    Objects.requireNonNull(url, "jdbc url");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbc url must start with 'jdbc:', got '" + url + "'");
    }
  }

  /** Opens a new connection in auto-commit mode; the caller closes it. */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
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
        + "]";
  }
}
