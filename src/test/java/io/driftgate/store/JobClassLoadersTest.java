package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two job submissions on one TaskManager, in process: each job's classes come from a class loader
 * of their own (as Flink's user-code class loaders over the job jar), the context class loader is
 * the job's while its code runs, and {@code DriverManager} has already looked for drivers once —
 * for the first job, or anything else in the JVM.
 */
class JobClassLoadersTest {

  private JdbcSettings db;

  @BeforeEach
  void driverManagerHasAlreadyLookedForDrivers() {
    db = TestDatabases.emptyPostgres();
    DriverManager.getDrivers();
  }

  @AfterEach
  void dropTheSchema() {
    TestDatabases.release(db);
  }

  @Test
  void everyJobConnectsThroughTheDriverOfItsOwnClassLoader() throws Exception {
    for (int job = 1; job <= 2; job++) {
      try (URLClassLoader jobLoader = jobClassLoader()) {
        Class<?> settingsClass = Class.forName(JdbcSettings.class.getName(), true, jobLoader);
        assertThat(settingsClass).isNotSameAs(JdbcSettings.class);
        Object settings =
            settingsClass
                .getConstructor(String.class, String.class, String.class)
                .newInstance(db.url(), db.user(), db.password());
        Method connect = settingsClass.getMethod("connect");

        int one =
            runAsJob(
                jobLoader,
                () -> {
                  try (Connection connection = (Connection) connect.invoke(settings);
                      Statement statement = connection.createStatement()) {
                    assertThat(connection.getClass().getClassLoader()).isSameAs(jobLoader);
                    return selectOne(statement);
                  }
                });

        assertThat(one).as("job %d", job).isEqualTo(1);
      }
    }
  }

  /**
   * The reported failure, reproduced: {@code DriverManager} offers only drivers registered by a
   * class loader's own driver class, and a new job's driver class registers itself only when
   * something loads it — here {@code DriverManager}'s own check, too late for the connection that
   * triggered it. So the first connection of every job fails, and its restart succeeds.
   */
  @Test
  void driverManagerFailsTheFirstConnectionOfEveryNewJob() throws Exception {
    try (URLClassLoader jobLoader = jobClassLoader()) {
      Method selectOne =
          Class.forName(DriverManagerConnections.class.getName(), true, jobLoader)
              .getMethod("selectOne", String.class, String.class, String.class);
      Callable<Integer> connect = () -> (Integer) selectOne.invoke(null, db.url(), db.user(), null);

      assertThatThrownBy(() -> runAsJob(jobLoader, connect))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("No suitable driver found");
      assertThat(runAsJob(jobLoader, connect)).as("after the restart").isEqualTo(1);
    }
  }

  static int selectOne(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Runs {@code code} with the job's class loader as context, unwrapping reflection's wrapper. */
  private static <T> T runAsJob(ClassLoader jobLoader, Callable<T> code) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(jobLoader);
    try {
      return code.call();
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * A class loader over the test class path whose parent is the platform class loader, so that it
   * defines driftgate's and the drivers' classes itself, as a job's child-first loader does.
   */
  private static URLClassLoader jobClassLoader() throws MalformedURLException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(
        "job", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
