package io.driftgate.cli;

import io.driftgate.contract.ContractException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;

/**
 * The {@code driftgate} command line: {@code run} (the job, also the default so that {@code flink
 * run driftgate.jar --driftgate.key=value ...} works), {@code demo}, {@code rollout ...}, {@code
 * status}, {@code resolve}, {@code register}, {@code migrate} and {@code keygen}.
 */
@Command(
    name = "driftgate",
    mixinStandardHelpOptions = true,
    versionProvider = DriftgateCli.Version.class,
    description = {
      "Gates the rollout of new dataset versions: exposes a candidate version to a growing cohort"
          + " of consumers while streaming drift tests and quality gates pass, then promotes it,"
          + " or rolls it back automatically, with every decision in an audit log.",
      ""
    },
    footer = {
      "",
      "Without a command, the arguments are those of 'run':",
      "  flink run driftgate.jar --driftgate.kafka.bootstrap-servers=kafka:9092 \\",
      "      --driftgate.jdbc.url=jdbc:postgresql://db:5432/driftgate",
      "",
      "Exit codes: 0 done, 1 failed (e.g. Kafka or the database unreachable), 2 bad arguments or"
          + " configuration."
    },
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      RolloutCommand.class,
      StatusCommand.class,
      ResolveCommand.class,
      RegisterCommand.class,
      MigrateCommand.class,
      KeygenCommand.class,
      PublishCommand.class,
      PreflightCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DriftgateCli implements Runnable {

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "run",
          "demo",
          "rollout",
          "status",
          "resolve",
          "register",
          "migrate",
          "keygen",
          "publish",
          "preflight",
          "help",
          "-h",
          "--help",
          "-V",
          "--version");

  @Spec CommandLine.Model.CommandSpec spec;

  DriftgateCli() {}

  public static void main(String[] args) {
    int exitCode = execute(CliContext.system(), args);
    // A successful `run` returns instead of exiting: in Flink's application mode main() runs inside
    // the JobManager, which System.exit would take down with it.
    if (exitCode != 0 || !isRun(args)) {
      System.exit(exitCode);
    }
  }

  /** Runs one command line and returns its exit code; never exits the JVM. */
  static int execute(CliContext context, String... args) {
    CommandLine commandLine = commandLine(context);
    return commandLine.execute(isRun(args) && !startsWithRun(args) ? prepend("run", args) : args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new DriftgateCli(), new ContextFactory(context));
    commandLine.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
    commandLine.getSubcommands().get("preflight").setUnmatchedOptionsArePositionalParams(true);
    commandLine.setOut(new PrintWriter(context.out(), true));
    commandLine.setErr(new PrintWriter(context.err(), true));
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          PrintWriter err = failed.getErr();
          String command = failed.getCommandSpec().qualifiedName();
          if (exception instanceof CliException cli) {
            err.println(command + ": " + cli.getMessage());
            return cli.exitCode();
          }
          if (exception instanceof ContractException contract) {
            err.println(command + ": " + contract.getMessage());
            return CliException.USAGE;
          }
          err.println(command + " failed: " + exception);
          exception.printStackTrace(err);
          return CliException.FAILURE;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Whether the arguments run the job: {@code run ...}, or no known command first. */
  private static boolean isRun(String[] args) {
    return args.length == 0 || startsWithRun(args) || !TOP_LEVEL.contains(args[0]);
  }

  private static boolean startsWithRun(String[] args) {
    return args.length > 0 && args[0].equals("run");
  }

  private static String[] prepend(String first, String[] rest) {
    return Stream.concat(Stream.of(first), Arrays.stream(rest)).toArray(String[]::new);
  }

  /** Hands the {@link CliContext} to every command that takes one. */
  private record ContextFactory(CliContext context) implements IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      Constructor<K> constructor;
      try {
        constructor = type.getDeclaredConstructor(CliContext.class);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
      constructor.setAccessible(true);
      return constructor.newInstance(context);
    }
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DriftgateCli.class.getPackage().getImplementationVersion();
      return new String[] {"driftgate " + (version == null ? "(development build)" : version)};
    }
  }
}
