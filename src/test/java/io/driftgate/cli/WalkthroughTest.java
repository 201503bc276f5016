package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/first-table.md} as a newcomer follows it: every line of its {@code sh} blocks runs,
 * in order and as written, with only the variables of its step 0 set by the test (the {@code bash}
 * block, checked against this test's environment). {@code driftgate ...} is the CLI in this JVM;
 * {@code flink run [-d] target/driftgate-<version>.jar ...} is the same CLI with this test's
 * MiniCluster as the cluster (this JVM is the Flink client): a {@code preflight} runs to its end, a
 * detached job runs unbounded until the test cancels it. A line whose comment says {@code repeat
 * until <section> shows <word>} runs again until that section of its output holds the word, within
 * {@link #DEADLINE}. What they printed is in {@code target/walkthrough-transcript.txt}, to refresh
 * the doc's sample outputs from.
 *
 * <p>The commands are dated half an hour in the past (the CLI's clock; {@code --at} defaults to
 * it), so that the stages' two-minute minimum durations have already passed on the job's clock and
 * the stage ticks are due at once, as in {@code TableRolloutTest}.
 */
class WalkthroughTest {

  private static final Path DOC = Path.of("docs/first-table.md");
  private static final Path CONTRACTS = Path.of("src/test/resources/walkthrough-contracts");
  private static final String JAR = "target/driftgate-<version>.jar";
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Clock HALF_AN_HOUR_AGO =
      Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30));
  private static final Pattern UNTIL = Pattern.compile("repeat until (\\S+) shows (\\S+)");
  private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_]+)=\\S+.*$");

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  /** Two slots, as the walkthrough asks: one for the job, one for a preflight beside it. */
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(parallelismOne())
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path lake;
  private JdbcSettings db;
  private final List<JobClient> jobs = new CopyOnWriteArrayList<>();
  private final StringBuilder transcript = new StringBuilder();

  @AfterEach
  void tearDown() throws Exception {
    try {
      for (JobClient job : jobs) {
        job.cancel().get();
      }
    } finally {
      if (db != null) {
        TestDatabases.release(db);
      }
    }
  }

  @Test
  void theWalkthroughRollsOutV2AsWritten() throws Exception {
    db = TestDatabases.emptyPostgres(); // step 1 creates the tables
    createTheJobsTopics();
    Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    OrderExports.write(lake, "v1", 5000, 1, from);
    OrderExports.write(lake, "v2", 5000, 2, from.plus(Duration.ofDays(1)));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LAKE", lake.toString());
    env.put("CONTRACTS", CONTRACTS.toAbsolutePath().toString());
    env.put("DRIFTGATE_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("DRIFTGATE_JDBC_URL", db.url());
    env.put("DRIFTGATE_JDBC_USER", db.user());
    Walkthrough doc = Walkthrough.read(DOC, env);
    assertThat(doc.exported()).as("step 0 sets what this test sets").isEqualTo(env.keySet());
    assertThat(doc.contract())
        .as("the contract the walkthrough shows is the one it runs with")
        .isEqualTo(Files.readString(CONTRACTS.resolve("sales.orders.yaml")));

    Map<String, String> cliEnv = new LinkedHashMap<>(env);
    if (db.password() != null) {
      cliEnv.put("DRIFTGATE_JDBC_PASSWORD", db.password());
    }
    List<Ran> ran = new ArrayList<>();
    try {
      for (Command command : doc.commands()) {
        ran.add(run(command, cliEnv));
      }
    } finally {
      Files.writeString(Path.of("target/walkthrough-transcript.txt"), transcript);
    }

    assertThat(ran).extracting(r -> r.command().program()).contains("flink", "driftgate");
    assertThat(ran.get(ran.size() - 1).command().args())
        .as("the walkthrough ends with what consumers read")
        .startsWith("resolve", "--with-location");
    assertThat(ran.get(ran.size() - 1).out())
        .as(transcript.toString())
        .isEqualTo("v2\t" + lake.resolve("v2") + System.lineSeparator());
    Ran lastStatus =
        ran.stream()
            .filter(r -> r.command().args().get(0).equals("status"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(new Until("rollout_event", "PROMOTED").shownIn(lastStatus.out()))
        .as(lastStatus.out())
        .isTrue();
    assertThat(new Until("dataset_alias", "v2").shownIn(lastStatus.out()))
        .as(lastStatus.out())
        .isTrue();
    assertThat(
            TestDatabases.rows(
                db, "SELECT from_version, to_version, outcome FROM alias_history ORDER BY id"))
        .containsExactly(List.of("null", "v1", "APPLIED"), List.of("v1", "v2", "APPLIED"));
    assertThat(TestDatabases.rows(db, "SELECT kind FROM rollout_event ORDER BY sequence"))
        .extracting(row -> row.get(0))
        .containsSubsequence("STARTED", "AWAITING_APPROVAL", "APPROVED", "PROMOTED")
        .doesNotContain("REJECTED", "ROLLED_BACK");
  }

  /** The harness itself: the walkthrough's lines split as a POSIX shell splits them. */
  @Test
  void linesAreSplitAsTheShellSplitsThem() {
    Map<String, String> env = Map.of("LAKE", "/data/lake", "URL", "jdbc:x://h/db?ssl=true");
    assertThat(
            Shell.split(
                    "driftgate a --b \"parquet:$LAKE/v2;x=y\" 'it''s $LAKE' ${LAKE}/v1 \\\n"
                        + "  --url=\"$URL\"   # repeat until x shows Y",
                    env)
                .words())
        .containsExactly(
            "driftgate",
            "a",
            "--b",
            "parquet:/data/lake/v2;x=y",
            "its $LAKE",
            "/data/lake/v1",
            "--url=jdbc:x://h/db?ssl=true");
    assertThat(Shell.split("status  # repeat until x shows Y", env).comment())
        .isEqualTo("repeat until x shows Y");
    assertThatThrownBy(() -> Shell.split("run --url=$URL", env))
        .hasMessageContaining("$URL is unquoted");
    assertThatThrownBy(() -> Shell.split("run $HOME", env))
        .hasMessageContaining("$HOME (in run $HOME) is not set by the test");
  }

  /** Step 0's topics, by their default names: this class has its own broker. */
  private static void createTheJobsTopics() {
    for (var topic :
        List.of(
            DriftgateOptions.RECORDS_TOPIC,
            DriftgateOptions.CONTROL_TOPIC,
            DriftgateOptions.DEAD_LETTER_TOPIC,
            DriftgateOptions.DRIFT_RESULTS_TOPIC,
            DriftgateOptions.ROLLOUT_EVENTS_TOPIC)) {
      KAFKA.createTopic(topic.defaultValue(), 1);
    }
    KAFKA.createCompactedTopic(DriftgateOptions.ROUTING_TOPIC.defaultValue(), 1);
  }

  /** One command and what it printed, the last time it ran. */
  private record Ran(Command command, String out) {}

  /**
   * Runs {@code command}, again and again while it has a {@code repeat until} that its output does
   * not meet yet; the transcript keeps the last run.
   */
  private Ran run(Command command, Map<String, String> env) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (int runs = 1; ; runs++) {
      CliRun result = execute(command, env);
      boolean done = command.until() == null || command.until().shownIn(result.out());
      boolean late = System.nanoTime() > deadline;
      if (done || late || result.exitCode() != 0) {
        transcript.append("$ ").append(command.text()).append('\n');
        if (runs > 1) {
          transcript.append("(run ").append(runs).append(" times)\n");
        }
        transcript.append(result.out()).append(result.err());
      }
      assertThat(result.exitCode())
          .as("%s%n%s%s", command.text(), result.out(), result.err())
          .isZero();
      if (done) {
        return new Ran(command, result.out());
      }
      if (late) {
        throw new AssertionError(
            "after " + DEADLINE + ", " + command.until() + " is not met:\n" + transcript);
      }
      Thread.sleep(500);
    }
  }

  /**
   * {@code driftgate <args>}, or {@code flink run [-d] <this build's jar> <args>}: the CLI with the
   * walkthrough's environment, a job launcher for detached {@code flink run} only, and a clock half
   * an hour behind.
   */
  private CliRun execute(Command command, Map<String, String> env) {
    List<String> words = command.args();
    JobLauncher launcher =
        (file, settings) -> {
          throw new AssertionError(command.text() + ": only 'flink run -d' runs the job");
        };
    if (command.program().equals("flink")) {
      assertThat(words).as(command.text()).isNotEmpty().startsWith("run");
      List<String> rest = new ArrayList<>(words.subList(1, words.size()));
      boolean detached = rest.get(0).equals("-d");
      if (detached) {
        rest.remove(0);
        launcher = new FlinkJobLauncher(this::runDetached);
      }
      assertThat(rest.get(0)).as("%s: the job jar", command.text()).isEqualTo(JAR);
      words = rest.subList(1, rest.size());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode =
          DriftgateCli.execute(
              new CliContext(outStream, errStream, env, HALF_AN_HOUR_AGO, launcher),
              words.toArray(String[]::new));
    }
    return new CliRun(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What {@code flink run -d} leaves behind: the job running in the MiniCluster. */
  private void runDetached(Configuration configuration) throws Exception {
    jobs.add(DriftgateJob.prepare(configuration).executeAsync("driftgate-walkthrough"));
  }

  private static Configuration parallelismOne() {
    Configuration configuration = new Configuration();
    configuration.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    return configuration;
  }

  /** A command line of the walkthrough, split as the shell splits it. */
  record Command(String text, String program, List<String> args, Until until) {}

  /**
   * {@code repeat until <section> shows <word>}: the output's section headed {@code <section>}
   * (down to the next blank line) holds {@code <word>}.
   */
  record Until(String section, String word) {
    @Override
    public String toString() {
      return section + " shows " + word;
    }

    boolean shownIn(String out) {
      boolean inSection = false;
      for (String line : out.split("\\R", -1)) {
        if (line.isBlank()) {
          inSection = false;
        } else if (line.startsWith(section + " ") || line.equals(section)) {
          inSection = true;
        } else if (inSection && line.contains(word)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The walkthrough's {@code sh} commands, the variables its {@code bash} block exports, and its
   * {@code yaml} block.
   */
  record Walkthrough(List<Command> commands, Set<String> exported, String contract) {

    private static final Pattern FENCE = Pattern.compile("^( *)```(\\w*)\\s*$");

    static Walkthrough read(Path doc, Map<String, String> env) throws IOException {
      List<Command> commands = new ArrayList<>();
      Set<String> exported = new LinkedHashSet<>();
      StringBuilder contract = new StringBuilder();
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        Matcher fence = FENCE.matcher(lines.get(i));
        if (!fence.matches() || fence.group(2).isEmpty()) {
          continue;
        }
        int indent = fence.group(1).length();
        String kind = fence.group(2);
        List<String> block = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
          String line = lines.get(i);
          block.add(line.length() >= indent ? line.substring(indent) : line.strip());
        }
        switch (kind) {
          case "sh" -> commands.addAll(commands(block, env));
          case "bash" -> exported.addAll(exports(block));
          case "yaml" -> block.forEach(line -> contract.append(line).append('\n'));
          default -> {}
        }
      }
      return new Walkthrough(commands, exported, contract.toString());
    }

    /** Each line, with the lines it continues ({@code \} at the end), as one command. */
    private static List<Command> commands(List<String> block, Map<String, String> env) {
      List<Command> commands = new ArrayList<>();
      for (int i = 0; i < block.size(); i++) {
        String text = block.get(i);
        while (text.endsWith("\\")) {
          assertThat(i + 1).as("a continued last line: %s", text).isLessThan(block.size());
          text = text + "\n" + block.get(++i);
        }
        Shell.Line line = Shell.split(text, env);
        if (line.words().isEmpty()) {
          continue;
        }
        String program = line.words().get(0);
        assertThat(program)
            .as("a walkthrough command the test can run: %s", text)
            .isIn("driftgate", "flink");
        Matcher until = UNTIL.matcher(line.comment());
        commands.add(
            new Command(
                text,
                program,
                List.copyOf(line.words().subList(1, line.words().size())),
                until.find() ? new Until(until.group(1), until.group(2)) : null));
      }
      return commands;
    }

    /**
     * The variables the setup block exports; its only other line is the {@code driftgate} alias.
     */
    private static List<String> exports(List<String> block) {
      List<String> names = new ArrayList<>();
      for (String line : block) {
        Matcher export = EXPORT.matcher(line);
        if (export.matches()) {
          names.add(export.group(1));
        } else if (!line.isBlank()) {
          assertThat(line).isEqualTo("alias driftgate='java -jar " + JAR + "'");
        }
      }
      return names;
    }
  }

  /**
   * The part of a POSIX shell's word splitting the walkthrough uses: blanks between words, {@code
   * '...'} literally, {@code "..."} and bare words with {@code $NAME} / {@code ${NAME}} expanded
   * from the environment, {@code \} before a line break, and a comment from a {@code #} that starts
   * a word. An unquoted expansion must not hold blanks or glob characters, which the shell would
   * split or expand: quote it in the doc.
   */
  static final class Shell {

    record Line(List<String> words, String comment) {}

    private static final Pattern NAME = Pattern.compile("\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");

    private Shell() {}

    static Line split(String text, Map<String, String> env) {
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i += 2;
        } else if (Character.isWhitespace(c)) {
          if (word != null) {
            words.add(word.toString());
            word = null;
          }
          i++;
        } else if (c == '#' && word == null) {
          return new Line(words, text.substring(i + 1).strip());
        } else {
          word = word == null ? new StringBuilder() : word;
          if (c == '\'') {
            int end = text.indexOf('\'', i + 1);
            assertThat(end).as("an unclosed ' in %s", text).isPositive();
            word.append(text, i + 1, end);
            i = end + 1;
          } else if (c == '"') {
            int end = text.indexOf('"', i + 1);
            assertThat(end).as("an unclosed \" in %s", text).isPositive();
            word.append(expand(text.substring(i + 1, end), env, true, text));
            i = end + 1;
          } else {
            int end = i;
            while (end < text.length()
                && !Character.isWhitespace(text.charAt(end))
                && "'\"\\".indexOf(text.charAt(end)) < 0) {
              end++;
            }
            if (end == i) { // a backslash that escapes nothing the walkthrough uses
              throw new AssertionError("unsupported shell syntax at " + i + " in " + text);
            }
            word.append(expand(text.substring(i, end), env, false, text));
            i = end;
          }
        }
      }
      if (word != null) {
        words.add(word.toString());
      }
      return new Line(words, "");
    }

    private static String expand(
        String part, Map<String, String> env, boolean quoted, String text) {
      StringBuilder expanded = new StringBuilder();
      int i = 0;
      while (i < part.length()) {
        int dollar = part.indexOf('$', i);
        if (dollar < 0) {
          expanded.append(part, i, part.length());
          break;
        }
        expanded.append(part, i, dollar);
        Matcher name = NAME.matcher(part).region(dollar + 1, part.length());
        assertThat(name.lookingAt()).as("a $ without a name in %s", text).isTrue();
        String value = env.get(name.group(1));
        assertThat(value).as("$%s (in %s) is not set by the test", name.group(1), text).isNotNull();
        if (!quoted) {
          assertThat(value)
              .as("$%s is unquoted in %s: the shell would split or expand it", name.group(1), text)
              .doesNotContainPattern("[\\s*?\\[]");
        }
        expanded.append(value);
        i = name.end();
      }
      return expanded.toString();
    }
  }
}
