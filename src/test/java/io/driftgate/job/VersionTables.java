package io.driftgate.job;

import io.driftgate.store.JdbcSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Versions of {@code it.features} as database tables: {@code ts, id, x, seg, y}, the columns and
 * draws of the Parquet export in {@code io.driftgate.preflight.ParquetVersions}.
 */
final class VersionTables {

  private VersionTables() {}

  /**
   * @param nullX the share of rows, from the first, whose required {@code x} is null
   * @param from the first row's {@code ts}; each next row is a second later
   */
  static void create(JdbcSettings db, String name, int rows, double nullX, long seed, Instant from)
      throws Exception {
    try (Connection connection = db.connect()) {
      try (Statement create = connection.createStatement()) {
        create.execute(
            "CREATE TABLE "
                + name
                + " (ts timestamptz, id text PRIMARY KEY, x double precision, seg text NOT NULL,"
                + " y double precision)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + name + " VALUES (?, ?, ?, ?, ?)")) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
          insert.setTimestamp(1, Timestamp.from(from.plusSeconds(i)));
          insert.setString(2, String.format("%s-%05d", name, i));
          double x = random.nextGaussian();
          insert.setObject(3, i < rows * nullX ? null : x);
          insert.setString(4, new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
          insert.setDouble(5, random.nextDouble());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /** The one-line source of a version table: a JDBC query in {@code ts} order. */
  static String source(JdbcSettings db, String table) {
    return db.url().replace(";", ";;")
        + (db.user() == null ? "" : ";user=" + db.user())
        + ";event-time=column:ts;query=SELECT ts, id, x, seg, y FROM "
        + table
        + " ORDER BY ts, id";
  }
}
