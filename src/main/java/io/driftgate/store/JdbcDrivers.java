package io.driftgate.store;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.ServiceLoader;

/**
 * Finds the JDBC driver for a URL among the drivers the running code can see, without {@code
 * DriverManager}. {@code DriverManager} remembers drivers per class loader and only looks for new
 * ones once per JVM: on a TaskManager that already ran a job, the next job's class loader has its
 * own driver class that nobody registered, and its first connection fails with "No suitable driver
 * found". Asking the job's own class loader for its drivers every time has no such memory.
 */
final class JdbcDrivers {

  private JdbcDrivers() {}

  /**
   * The first driver that accepts {@code url}, from the thread's context class loader (Flink sets
   * it to the job's user-code class loader) or else from the loader of this class.
   *
   * @throws SQLException without a SQLState (so that no retry waits for it) when none accepts it
   */
  static Driver forUrl(String url) throws SQLException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = JdbcDrivers.class.getClassLoader();
    Driver driver = context == null ? null : find(url, context);
    if (driver == null && context != own) {
      driver = find(url, own);
    }
    if (driver == null) {
      throw new SQLException("no JDBC driver on the class path accepts " + url);
    }
    return driver;
  }

  private static Driver find(String url, ClassLoader loader) throws SQLException {
    for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
      if (driver.acceptsURL(url)) {
        return driver;
      }
    }
    return null;
  }
}
