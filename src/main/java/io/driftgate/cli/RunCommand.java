package io.driftgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftgate run}: the production job, and what {@code flink run driftgate.jar ...} does. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the driftgate job: reads records and control commands from Kafka, gates every"
          + " rollout, and writes decisions to the alias table over JDBC.",
      "",
      "Settings are Flink options: driftgate.* keys (see DriftgateOptions, e.g."
          + " driftgate.kafka.bootstrap-servers, driftgate.jdbc.url) and any Flink key"
          + " (e.g. parallelism.default). Command-line settings win over --config; later ones"
          + " win over earlier ones. The database password is never a setting: it comes from"
          + " $DRIFTGATE_JDBC_PASSWORD or driftgate.jdbc.password-file.",
      "",
      "This is also the default command: 'flink run driftgate.jar"
          + " --driftgate.kafka.bootstrap-servers=kafka:9092"
          + " --driftgate.jdbc.url=jdbc:postgresql://db:5432/driftgate' runs the job.",
      "",
      "Kafka transactions: each sink's transactional ids start with"
          + " driftgate.kafka.transactional-id-prefix, by default the job's name (pipeline.name,"
          + " else 'driftgate'), then its role and topic; keep it stable across restarts and"
          + " unique per Kafka cluster. Their timeout is derived from the checkpoint interval and"
          + " timeout unless driftgate.kafka.transaction-timeout is set.",
      "",
      "Exit code 2 and a message naming every bad key when the configuration is invalid, a"
          + " transaction timeout shorter than the checkpoint interval plus timeout or above"
          + " the brokers' transaction.max.timeout.ms (asked at submission) included."
    })
final class RunCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--config",
      paramLabel = "<file>",
      description =
          "A Flink-style YAML file (config.yaml: nested or dotted keys) or a .properties file.")
  Path config;

  @Parameters(
      paramLabel = "--<key>=<value>",
      arity = "0..*",
      description = {
        "A setting: --key=value, --key value, -Dkey=value or -D key=value.",
        "  e.g. --driftgate.jdbc.url=jdbc:postgresql://db:5432/driftgate -Dparallelism.default=2"
      })
  List<String> settings = new ArrayList<>();

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    context.launcher().launch(config, parse(settings));
    return 0;
  }

  /**
   * Reads {@code --key=value}, {@code --key value}, {@code -Dkey=value} and {@code -D key=value},
   * keeping the last value of a repeated key.
   *
   * @throws CliException (exit 2) naming the argument that is none of these
   */
  static Map<String, String> parse(List<String> arguments) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      String key;
      String value;
      if (argument.startsWith("-D")) {
        String pair = argument.substring(2);
        if (pair.isEmpty()) {
          pair = next(arguments, ++i, argument);
        }
        int equals = pair.indexOf('=');
        if (equals < 0) {
          throw CliException.usage("'" + argument + "' has no value: write -D" + pair + "=<value>");
        }
        key = pair.substring(0, equals);
        value = pair.substring(equals + 1);
      } else if (argument.startsWith("--") && argument.length() > 2) {
        String body = argument.substring(2);
        int equals = body.indexOf('=');
        if (equals >= 0) {
          key = body.substring(0, equals);
          value = body.substring(equals + 1);
        } else {
          key = body;
          value = next(arguments, ++i, argument);
        }
      } else {
        throw CliException.usage(
            "unexpected argument '"
                + argument
                + "': settings are --key=value or -Dkey=value (see driftgate run --help)");
      }
      if (key.isBlank()) {
        throw CliException.usage("'" + argument + "' has no key");
      }
      settings.remove(key.strip());
      settings.put(key.strip(), value.strip());
    }
    return settings;
  }

  private static String next(List<String> arguments, int index, String option) {
    if (index >= arguments.size()) {
      throw CliException.usage("'" + option + "' needs a value");
    }
    return arguments.get(index);
  }
}
