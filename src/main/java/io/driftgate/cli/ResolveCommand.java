package io.driftgate.cli;

import io.driftgate.store.ResolvedVersion;
import io.driftgate.store.RoutingTableResolver;
import io.driftgate.store.RoutingUnavailableException;
import io.driftgate.store.UnknownDatasetException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftgate resolve}: the version one consumer reads, as its resolver would answer. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the version of <dataset> that the consumer with <cohort-key> reads now: the"
          + " candidate if the consumer's cohort bucket is exposed, else the baseline; the alias"
          + " when no rollout ever ran. It answers exactly as the consumers' resolver does, from"
          + " the same tables.",
      "With --with-location, also where that version lives: the version, a tab and its"
          + " location (empty when none is recorded).",
      "Exit code 1 when the dataset is unknown or the tables cannot be read."
    })
final class ResolveCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin JdbcOptions jdbc;

  @Parameters(index = "0", paramLabel = "<dataset>", description = "The dataset.")
  String dataset;

  @Parameters(
      index = "1",
      paramLabel = "<cohort-key>",
      description = "The consumer's cohort key (e.g. a service or customer id).")
  String cohortKey;

  @Option(
      names = "--with-location",
      description =
          "Print the version's location after it, separated by a tab (empty when none is"
              + " recorded). Without it the output is the version alone, as before.")
  boolean withLocation;

  ResolveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RoutingTableResolver resolver = new RoutingTableResolver(jdbc.settings(context), Duration.ZERO);
    try {
      if (withLocation) {
        ResolvedVersion resolved = resolver.resolveWithLocation(dataset, cohortKey);
        context.out().println(resolved.version() + "\t" + resolved.recordedLocation().orElse(""));
      } else {
        context.out().println(resolver.resolve(dataset, cohortKey));
      }
    } catch (UnknownDatasetException | RoutingUnavailableException e) {
      throw new CliException(CliException.FAILURE, e.getMessage(), e);
    }
    return 0;
  }
}
