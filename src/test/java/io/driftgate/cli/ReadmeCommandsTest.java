package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command the README and the runbook show is one the build runs or the CLI accepts, so the
 * docs cannot drift from the code: {@code ./mvnw} lines are those {@code .ci/run} runs (or {@link
 * DemoCommandIT} runs), and every {@code driftgate} command line parses with the real CLI.
 */
class ReadmeCommandsTest {

  private static final List<Path> DOCS = List.of(Path.of("README.md"), Path.of("docs/runbook.md"));

  /** The Maven commands of the docs, and what runs each one. */
  private static final Map<String, String> MAVEN =
      Map.of(
          "./mvnw -q compile exec:exec@demo",
          "DemoCommandIT",
          "./mvnw -q compile exec:exec@demo -Ddemo.args=\"--rate 2000\"",
          "DemoCommandIT (with -Ddemo.args)",
          "./mvnw -B verify",
          ".ci/run",
          "./mvnw -q package -DskipTests",
          ".ci/run (verify includes package)",
          "./mvnw -B verify -Dit.test=StandaloneClusterIT -Dtest=none"
              + " -Dsurefire.failIfNoSpecifiedTests=false",
          ".ci/run (verify runs StandaloneClusterIT)");

  private static final Pattern CODE_LINE = Pattern.compile("^ {4}(\\S.*)$");
  private static final Pattern TABLE_CODE = Pattern.compile("^\\| `([^`]+)` \\|");

  @Test
  void everyMavenCommandIsRunByTheBuild() throws IOException {
    List<String> maven = commands().stream().filter(c -> c.startsWith("./mvnw")).toList();

    assertThat(maven).isNotEmpty();
    assertThat(MAVEN.keySet())
        .containsAll(maven.stream().map(c -> c.split(" +#")[0].strip()).toList());
    assertThat(Files.readString(Path.of(".ci/run"))).contains("./mvnw -B verify");
  }

  @Test
  void everyDriftgateCommandLineParses() throws IOException {
    List<String> cli =
        commands().stream()
            .filter(
                c ->
                    c.startsWith("driftgate ")
                        || c.startsWith("flink run ")
                        || c.startsWith("java -jar ")
                        || c.matches("^(run|demo|rollout|status|resolve|register|migrate)\\b.*"))
            .toList();

    assertThat(cli).hasSizeGreaterThan(15);
    for (String command : cli) {
      String[] args = args(command);
      CommandLine commandLine = DriftgateCli.commandLine(quietContext());
      String[] effective =
          commandLine.getSubcommands().containsKey(args[0]) ? args : concat("run", args);
      assertThat(parses(commandLine, effective))
          .as(command + " -> " + Arrays.toString(effective))
          .isNull();
    }
  }

  private static String parses(CommandLine commandLine, String[] args) {
    try {
      commandLine.parseArgs(args);
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  /**
   * The command's arguments, with the docs' placeholders filled in and its program name dropped.
   */
  static String[] args(String command) {
    String line = command.split(" +#")[0].strip();
    line =
        line.replace("\\|", "|")
            .replaceAll("\\[([^\\]]*)\\]", "$1") // optional parts are tried too
            .replaceAll(" *\\| *-D<key>=<value>", "")
            .replace("<key>=<value>", "driftgate.evaluation.tick=1min")
            .replace("<dataset>", "features.customer_profile")
            .replace("<candidate>", "v43")
            .replace("<v>", "v42")
            .replace("<n>", "3")
            .replace("<text>", "reason")
            .replace("<cohort-key>", "consumer-17")
            .replace("<version>", "0.1.0-SNAPSHOT")
            .replace("...", "")
            .replaceAll("([\\w.]+)\\|[\\w.]+", "$1")
            .strip();
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    if (words.get(0).equals("driftgate")) {
      words.remove(0);
    } else if (words.get(0).equals("flink") || words.get(0).equals("java")) {
      words.subList(0, 3).clear(); // flink run <jar> / java -jar <jar>
    }
    return words.toArray(String[]::new);
  }

  private static List<String> commands() throws IOException {
    List<String> commands = new ArrayList<>();
    for (Path doc : DOCS) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher code = CODE_LINE.matcher(line);
        Matcher table = TABLE_CODE.matcher(line);
        String command = code.matches() ? code.group(1) : table.find() ? table.group(1) : null;
        if (command == null) {
          continue;
        }
        while (command.endsWith("\\") && i + 1 < lines.size()) {
          command = command.substring(0, command.length() - 1) + " " + lines.get(++i).strip();
        }
        commands.add(command.strip());
      }
    }
    return commands;
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static CliContext quietContext() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    return new CliContext(
        nowhere,
        nowhere,
        Map.of(),
        Clock.systemUTC(),
        (file, settings) -> {
          throw new AssertionError("parsing only");
        });
  }
}
