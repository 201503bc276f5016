package io.driftgate.cli;

import io.driftgate.demo.Demo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftgate demo}: the whole pipeline on a laptop, with nothing to set up. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the zero-setup demo: the real pipeline in a local Flink MiniCluster (web UI on"
          + " http://localhost:8081 or the next free port) fed by a generator, with an in-memory"
          + " database instead of PostgreSQL and no Kafka.",
      "Dataset features.customer_profile is at v1; v2 rolls out stage by stage and is promoted,"
          + " v3 drifts and is rolled back automatically. Prints the decisions as they happen,"
          + " then the alias table, routing table, alias history and audit log."
    })
final class DemoCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--contracts",
      paramLabel = "<dir>",
      defaultValue = "contracts",
      description = "Directory of the data contracts (*.yaml). Default: ${DEFAULT-VALUE}.")
  Path contracts;

  @Option(
      names = "--rate",
      paramLabel = "<records/s>",
      defaultValue = "20000",
      description =
          "Records per second the generator emits; lower it to watch the web UI longer."
              + " Default: ${DEFAULT-VALUE}.")
  double rate;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(contracts)) {
      throw CliException.usage(
          "--contracts: "
              + contracts.toAbsolutePath()
              + " is not a directory (run from the repository root, or pass --contracts)");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw CliException.usage("--rate is " + rate + ", must be a positive number");
    }
    Demo.run(contracts, rate, context.out());
    return 0;
  }
}
