package io.driftgate.cli;

import io.driftgate.store.DatasetRegistry;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.LocationConflictException;
import io.driftgate.store.Registration;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code driftgate register}: the alias of a dataset before its first rollout, and where a version
 * lives. Writes the database directly, as the job's stores do; it never moves an alias.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Registers <dataset> at its current <version>: creates the alias of a dataset that has none"
          + " (so that consumers resolve it and its first rollout has a baseline) with a"
          + " REGISTERED row in alias_history, and records where the version lives (--location,"
          + " in version_location). Registering the version the alias already names changes"
          + " nothing but a location given for the first time; only a rollout moves an alias.",
      "Exit code 1 when the alias (or a rollout's baseline) names another version, when the"
          + " version's location is recorded and differs, or when the database cannot be"
          + " written; 2 for bad arguments."
    })
final class RegisterCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin JdbcOptions jdbc;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "<dataset>",
      description = "The dataset, e.g. features.customer_profile.")
  String dataset;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "<version>",
      description = "The version consumers read now, e.g. v1.")
  String version;

  @Option(
      names = "--location",
      paramLabel = "<location>",
      description =
          "Where the version lives: a table name, a path, an Iceberg snapshot id or branch, any"
              + " URI (at most 2048 characters). Recorded once: a version's location never"
              + " changes.")
  String location;

  @Option(
      names = "--actor",
      paramLabel = "<actor>",
      description = "Who registers; alias_history and version_location record it. Default: $USER.")
  String actor;

  RegisterCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    JdbcSettings settings = jdbc.settings(context);
    Registration registration;
    try {
      registration =
          new DatasetRegistry(settings, context.clock())
              .register(dataset.strip(), version.strip(), location(), actor());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    } catch (LocationConflictException e) {
      throw new CliException(CliException.FAILURE, e.getMessage(), e);
    } catch (SQLException e) {
      throw new CliException(
          CliException.FAILURE,
          "cannot register " + dataset + " at " + settings.url() + ": " + e.getMessage(),
          e);
    }
    String recorded = registration.locationRecorded() ? ", location recorded" : "";
    switch (registration.outcome()) {
      case REGISTERED ->
          context.out().println("registered " + dataset + " at " + version + recorded);
      case ALREADY_REGISTERED ->
          context.out().println(dataset + " already registered at " + version + recorded);
      case ALIAS_ELSEWHERE ->
          throw new CliException(
              CliException.FAILURE,
              dataset
                  + " is registered at "
                  + registration.currentVersion()
                  + ", not "
                  + version
                  + ": registration never moves an alias; roll "
                  + version
                  + " out instead");
      case ROUTED_ELSEWHERE ->
          throw new CliException(
              CliException.FAILURE,
              dataset
                  + " has no alias but a rollout from baseline "
                  + registration.currentVersion()
                  + ": register it at "
                  + registration.currentVersion()
                  + ", or let the rollout set the alias");
    }
    return 0;
  }

  private String location() {
    return location == null || location.isBlank() ? null : location.strip();
  }

  private String actor() {
    if (actor != null && !actor.isBlank()) {
      return actor.strip();
    }
    String user = context.env("USER");
    return user != null ? user : System.getProperty("user.name", "unknown");
  }
}
