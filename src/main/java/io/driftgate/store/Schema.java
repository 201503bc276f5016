package io.driftgate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database to driftgate's schema with the Flyway migrations in {@code sql/migrations},
 * which the build copies to {@value #LOCATION}: the job, the demo and the tests apply the very same
 * files. Flyway takes a database lock while it migrates, so several task managers may call this at
 * start-up.
 */
public final class Schema {

  /** Where the build puts {@code sql/migrations} on the classpath. */
  public static final String LOCATION = "classpath:db/driftgate";

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
            .locations(LOCATION)
            .failOnMissingLocations(true)
            .load();
    flyway.migrate();
    MigrationVersion version = flyway.info().current().getVersion();
    return version.getVersion();
  }
}
