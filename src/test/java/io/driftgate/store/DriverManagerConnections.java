package io.driftgate.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * How connections were opened before {@link JdbcDrivers}: through {@code DriverManager}, which
 * checks a driver against the class loader of its caller. Loaded into a job's class loader by
 * {@link JobClassLoadersTest} to show why that fails on a TaskManager's second job.
 */
public final class DriverManagerConnections {

  private DriverManagerConnections() {}

  /** Connects through {@code DriverManager} and returns {@code SELECT 1}. */
  public static int selectOne(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      return JobClassLoadersTest.selectOne(statement);
    }
  }
}
