package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.Schema;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code driftgate migrate}: applies the schema migrations and nothing else, so that the one role
 * allowed DDL (the migrator of {@code sql/roles/driftgate-roles.sql}) never has to run the job, and
 * the job runs with {@code driftgate.jdbc.migrate=false} as a role that cannot change the schema.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Applies driftgate's pending schema migrations (sql/migrations, Flyway) to the schema of"
          + " --jdbc-url (its currentSchema) and prints the schema version. Run it as the"
          + " migrator role before starting the job with --driftgate.jdbc.migrate=false as the"
          + " job role; see sql/README.md, \"Roles\".",
      "Exit code 1 when the database is unreachable or a migration fails."
    })
final class MigrateCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin JdbcOptions jdbc;

  MigrateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    JdbcSettings settings = jdbc.settings(context);
    try {
      context.out().println("schema version " + Schema.migrate(settings));
    } catch (FlywayException e) {
      throw new CliException(
          CliException.FAILURE,
          "cannot migrate driftgate's tables at " + settings.url() + ": " + e.getMessage(),
          e);
    }
    return 0;
  }
}
