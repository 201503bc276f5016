package io.driftgate.cli;

import io.driftgate.preflight.PreflightLauncher;
import io.driftgate.preflight.PreflightReport;
import io.driftgate.preflight.PreflightRequest;
import io.driftgate.source.SourceSpec;
import io.driftgate.source.VersionSource;
import io.driftgate.wire.PreflightJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftgate preflight}: reads a candidate (and its baseline) where they live and profiles
 * them whole, for {@code rollout start --preflight}. A Flink job, so it needs Flink: {@code flink
 * run driftgate.jar preflight ...} (the cluster reads the sources), or Flink on the class path.
 */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
      "Reads <candidate> of <dataset> (and --baseline) from where they live, checks every row"
          + " against the contract and profiles each version whole, as the job does, then judges"
          + " them as the job will: every gate of the contract once, on the whole versions.",
      "Writes the result to --out for 'driftgate rollout start --preflight'; the job judges it"
          + " again with its own contract before stage 1 exposes anyone.",
      "Sources are one line: KIND:LOCATION[;key=value]...[;query=SQL], e.g."
          + " 'parquet:/lake/v2;event-time=column:updated_at' (docs/sources.md).",
      "Settings (--config, --key=value, -Dkey=value) are those of 'driftgate run': use the"
          + " job's, so the profiles fit its contracts and profile settings.",
      "Exit codes: 0 the preflight passes, 1 it fails (the file is written either way), 2 bad"
          + " arguments."
    })
final class PreflightCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "<dataset>")
  String dataset;

  @Option(names = "--candidate", required = true, paramLabel = "<version>")
  String candidate;

  @Option(
      names = "--candidate-source",
      required = true,
      paramLabel = "<source>",
      description = "Where the candidate lives, as a one-line source.")
  String candidateSource;

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "<version>",
      description = "The version the alias names now.")
  String baseline;

  @Option(
      names = "--baseline-source",
      paramLabel = "<source>",
      description =
          "Where the baseline lives. Without it the job compares with its reference profile of"
              + " the baseline (saved when that version was promoted).")
  String baselineSource;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<file>",
      description = "The preflight file to write.")
  Path out;

  @Option(
      names = "--config",
      paramLabel = "<file>",
      description = "The job's configuration (config.yaml or .properties).")
  Path config;

  @Parameters(
      paramLabel = "<setting>",
      arity = "0..*",
      description = "Job settings as --key=value or -Dkey=value; the command line wins.")
  List<String> settings = new ArrayList<>();

  private final CliContext context;

  PreflightCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PreflightRequest request = request();
    Map<String, String> all = new LinkedHashMap<>();
    if (config != null) {
      all.putAll(FlinkJobLauncher.read(config));
    }
    all.putAll(RunCommand.parse(settings));
    PreflightReport report = PreflightLauncher.run(all, request);
    try {
      Files.write(
          out,
          PreflightJson.toFile(
              new PreflightJson.File(
                  dataset,
                  candidate,
                  baseline,
                  report.passed() ? "PASS" : "FAIL",
                  report.verdict().message(),
                  report.preflight())));
    } catch (IOException e) {
      throw new CliException(1, "--out: cannot write " + out + ": " + e.getMessage());
    }
    context.out().println(report.verdict().message());
    report.unreadableSamples().forEach(sample -> context.out().println("  unreadable " + sample));
    context.out().println("wrote " + out);
    return report.passed() ? 0 : 1;
  }

  private PreflightRequest request() {
    try {
      VersionSource candidateRead = SourceSpec.parse(dataset, candidate, candidateSource);
      VersionSource baselineRead =
          baselineSource == null ? null : SourceSpec.parse(dataset, baseline, baselineSource);
      return new PreflightRequest(
          candidateRead,
          SourceSpec.describe(candidateRead),
          baselineRead,
          baselineRead == null ? null : SourceSpec.describe(baselineRead),
          baseline);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
