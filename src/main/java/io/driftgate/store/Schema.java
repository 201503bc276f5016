package io.driftgate.store;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database to driftgate's schema with the Flyway migrations in {@code sql/migrations},
 * which the build copies to {@value #LOCATION}: the job, the demo and the tests apply the very same
 * files. Flyway takes a database lock while it migrates, so several task managers may call this at
 * start-up.
 *
 * <p>A migration that only one dialect can run (PostgreSQL's PL/pgSQL functions) has a counterpart
 * of the same version for the other dialect, in {@code sql/migrations-postgresql} and {@code
 * sql/migrations-h2}, so both databases reach the same schema version; {@link #locations} adds the
 * directory of the URL's dialect.
 */
public final class Schema {

  /** Where the build puts {@code sql/migrations} on the classpath. */
  public static final String LOCATION = "classpath:db/driftgate";

  /** Where the build puts {@code sql/migrations-postgresql} on the classpath. */
  public static final String POSTGRESQL_LOCATION = "classpath:db/dialect/postgresql";

  /** Where the build puts {@code sql/migrations-h2} on the classpath. */
  public static final String H2_LOCATION = "classpath:db/dialect/h2";

  private Schema() {}

  /**
   * Applies the pending migrations to the connection's current schema.
   *
   * @return the schema version after migrating, e.g. {@code "1"}
   */
  public static String migrate(JdbcSettings settings) {
    Flyway flyway =
        Flyway.configure(Schema.class.getClassLoader())
            .dataSource(settings.url(), settings.user(), settings.password())
            .locations(locations(settings).toArray(String[]::new))
            .failOnMissingLocations(true)
            .load();
    flyway.migrate();
    MigrationVersion version = flyway.info().current().getVersion();
    return version.getVersion();
  }

  /**
   * The migrations' locations for the database of {@code settings}: the common ones and those of
   * its dialect.
   *
   * @throws IllegalArgumentException for a database that is neither PostgreSQL nor H2
   */
  public static List<String> locations(JdbcSettings settings) {
    String url = settings.url();
    if (url.startsWith("jdbc:postgresql:")) {
      return List.of(LOCATION, POSTGRESQL_LOCATION);
    }
    if (url.startsWith("jdbc:h2:")) {
      return List.of(LOCATION, H2_LOCATION);
    }
    throw new IllegalArgumentException(
        "driftgate's schema is for PostgreSQL (jdbc:postgresql:) or H2 (jdbc:h2:), not " + url);
  }
}
