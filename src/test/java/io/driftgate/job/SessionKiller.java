package io.driftgate.job;

import io.driftgate.store.JdbcSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills a job's PostgreSQL sessions with {@code pg_terminate_backend}, at seeded-random intervals,
 * from a background thread, as an operator or a failover of the database would. Only sessions whose
 * {@code application_name} is the one the job's JDBC URL sets are killed: other tests, and other
 * engineers' runs, share the server, and their sessions (all named {@code driftgate} by default)
 * must survive.
 */
final class SessionKiller implements AutoCloseable {

  private static final String KILL =
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
          + " WHERE application_name = ? AND datname = current_database()"
          + " AND pid <> pg_backend_pid()";

  /**
   * How often to look for a session until one is killed. A job that fails every second or so holds
   * its sessions only from a committer's first commit after a restart until the next failure, and a
   * run once ended with no kill in 130 looks at the seeded 50–400 ms gaps; looking this often until
   * the first kill makes a run that has sessions at all include one.
   */
  private static final Duration UNTIL_FIRST_KILL = Duration.ofMillis(5);

  private final JdbcSettings server;
  private final String applicationName;
  private final Random random;
  private final Duration minGap;
  private final Duration maxGap;
  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile SQLException problem;

  /**
   * @param server where to connect to kill (a session of its own, not under {@code
   *     applicationName})
   * @param minGap the least time between two kills
   * @param maxGap the most time between two kills
   */
  SessionKiller(
      JdbcSettings server, String applicationName, long seed, Duration minGap, Duration maxGap) {
    this.server = server;
    this.applicationName = applicationName;
    this.random = new Random(seed);
    this.minGap = minGap;
    this.maxGap = maxGap;
    this.thread = new Thread(this::killUntilStopped, "session-killer-" + applicationName);
    thread.setDaemon(true);
  }

  /** The JDBC URL of {@code db} with its sessions named {@code applicationName}. */
  static String named(String url, String applicationName) {
    return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
  }

  SessionKiller start() {
    thread.start();
    return this;
  }

  /** Sessions terminated so far. */
  int kills() {
    return kills.get();
  }

  /** Kill rounds that found at least one session, so far. */
  int rounds() {
    return rounds.get();
  }

  /** Stops killing and waits for the thread; throws what stopped it early, if anything. */
  @Override
  public void close() throws Exception {
    stopped = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(30).toMillis());
    if (problem != null) {
      throw problem;
    }
  }

  private void killUntilStopped() {
    long span = maxGap.toMillis() - minGap.toMillis();
    try (Connection connection = server.connect();
        PreparedStatement kill = connection.prepareStatement(KILL)) {
      kill.setString(1, applicationName);
      while (!stopped) {
        long gap = minGap.toMillis() + (span <= 0 ? 0 : (long) (random.nextDouble() * span));
        Thread.sleep(kills.get() == 0 ? Math.min(gap, UNTIL_FIRST_KILL.toMillis()) : gap);
        try (ResultSet rows = kill.executeQuery()) {
          rows.next();
          int killed = rows.getInt(1);
          if (killed > 0) {
            kills.addAndGet(killed);
            rounds.incrementAndGet();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      if (!stopped) {
        problem = e;
      }
    }
  }
}
