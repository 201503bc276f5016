package io.driftgate.cli;

import io.driftgate.store.JdbcSettings;
import io.driftgate.store.StatusReader;
import io.driftgate.store.StatusReport;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftgate status}: what consumers see now, and why. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows where every dataset stands, read from the tables the job writes (what consumers"
          + " really see, not what the job believes): the alias of each dataset and each"
          + " rollout's routing (candidate, exposure, stage).",
      "With --dataset, also that dataset's alias history and its latest decisions with their"
          + " evidence (gate, statistic, threshold, window)."
    })
final class StatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin JdbcOptions jdbc;

  @Option(
      names = "--dataset",
      paramLabel = "<dataset>",
      description = "Also show this dataset's alias history and audit log.")
  String dataset;

  @Option(
      names = "--events",
      paramLabel = "<n>",
      defaultValue = "20",
      description = "How many of the latest decisions to show. Default: ${DEFAULT-VALUE}.")
  int events;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (events < 0) {
      throw CliException.usage("--events is " + events + ", must be 0 or more");
    }
    JdbcSettings settings = jdbc.settings(context);
    PrintStream out = context.out();
    try {
      new StatusReader(settings)
          .atOneMoment(
              reader -> {
                StatusReport report = new StatusReport(reader, out);
                report.aliases();
                out.println();
                report.routing();
                if (dataset != null) {
                  out.println();
                  report.history(dataset);
                  out.println();
                  report.events(dataset, events);
                }
                return null;
              });
    } catch (SQLException e) {
      throw new CliException(
          CliException.FAILURE,
          "cannot read driftgate's tables at " + settings.url() + ": " + e.getMessage(),
          e);
    }
    return 0;
  }
}
