package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.DriftgateOptions.StartingOffsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run} command's arguments become the Configuration the job is started with. */
class RunCommandTest {

  private static final String KAFKA =
      "--driftgate.kafka.bootstrap-servers=kafka-0:9092,kafka-1:9092";
  private static final String JDBC = "--driftgate.jdbc.url=jdbc:postgresql://db:5432/driftgate";

  @TempDir Path dir;

  private final List<Configuration> started = new ArrayList<>();

  private CliRun run(String... args) {
    return CliRun.run(Map.of(), new FlinkJobLauncher(started::add), args);
  }

  @Test
  void flinkRunFormWithoutSubcommandRunsTheJob() {
    CliRun result = run(KAFKA, JDBC, "-Dparallelism.default=2", "--driftgate.kafka.bounded=true");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(started).hasSize(1);
    Configuration config = started.get(0);
    assertThat(config.get(DriftgateOptions.BOOTSTRAP_SERVERS))
        .isEqualTo("kafka-0:9092,kafka-1:9092");
    assertThat(config.get(DriftgateOptions.JDBC_URL))
        .isEqualTo("jdbc:postgresql://db:5432/driftgate");
    assertThat(config.get(DriftgateOptions.BOUNDED)).isTrue();
    assertThat(config.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
  }

  @Test
  void runSubcommandAcceptsEverySettingForm() {
    CliRun result =
        run(
            "run",
            "--driftgate.kafka.bootstrap-servers",
            "kafka:9092",
            JDBC,
            "-D",
            "driftgate.evaluation.tick=30 s",
            "-Ddriftgate.kafka.starting-offsets=LATEST",
            "--driftgate.topics.control=ops.control");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Configuration config = started.get(0);
    assertThat(config.get(DriftgateOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
    assertThat(config.get(DriftgateOptions.EVALUATION_TICK)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.get(DriftgateOptions.STARTING_OFFSETS)).isEqualTo(StartingOffsets.LATEST);
    assertThat(config.get(DriftgateOptions.CONTROL_TOPIC)).isEqualTo("ops.control");
  }

  @Test
  void flinkStyleYamlIsReadAndTheCommandLineWins() throws Exception {
    Path yaml = dir.resolve("config.yaml");
    Files.writeString(
        yaml,
        """
        driftgate:
          kafka:
            bootstrap-servers: from-file:9092
            group-id: from-file
          jdbc.url: jdbc:postgresql://file-db:5432/driftgate
        parallelism.default: 3
        pipeline.jars: [a.jar, b.jar]
        """);

    CliRun result = run("--config", yaml.toString(), "--driftgate.kafka.group-id=from-args");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Configuration config = started.get(0);
    assertThat(config.get(DriftgateOptions.BOOTSTRAP_SERVERS)).isEqualTo("from-file:9092");
    assertThat(config.get(DriftgateOptions.GROUP_ID)).isEqualTo("from-args");
    assertThat(config.get(DriftgateOptions.JDBC_URL))
        .isEqualTo("jdbc:postgresql://file-db:5432/driftgate");
    assertThat(config.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
    assertThat(config.get(org.apache.flink.configuration.PipelineOptions.JARS))
        .containsExactly("a.jar", "b.jar");
  }

  @Test
  void propertiesFilesWorkToo() throws Exception {
    Path properties = dir.resolve("driftgate.properties");
    Files.writeString(
        properties,
        "driftgate.kafka.bootstrap-servers=props:9092\n"
            + "driftgate.jdbc.url=jdbc:h2:mem:props\n"
            + "driftgate.jdbc.migrate=false\n");

    CliRun result = run("run", "--config=" + properties);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(started.get(0).get(DriftgateOptions.BOOTSTRAP_SERVERS)).isEqualTo("props:9092");
    assertThat(started.get(0).get(DriftgateOptions.JDBC_MIGRATE)).isFalse();
  }

  @Test
  void aMissingRequiredKeyExitsTwoNamingIt() {
    CliRun result = run(JDBC);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("driftgate.kafka.bootstrap-servers is required")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(started).isEmpty();
  }

  @Test
  void everyBadKeyIsNamedAtOnce() {
    CliRun result = run("--driftgate.jdbc.url=postgres://db", "--driftgate.evaluation.tick=2 h");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("driftgate.kafka.bootstrap-servers is required")
        .contains("driftgate.jdbc.url: 'postgres://db' is not a JDBC URL")
        .contains("driftgate.evaluation.tick");
  }

  @Test
  void aTransactionTimeoutShorterThanACheckpointExitsTwoNamingTheCheckpointKeys() {
    CliRun result =
        run(
            KAFKA,
            JDBC,
            "-Dexecution.checkpointing.interval=1 min",
            "--driftgate.kafka.transaction-timeout=3 min");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("driftgate.kafka.transaction-timeout is PT3M, shorter than")
        .contains("execution.checkpointing.interval (PT1M) + driftgate.checkpoint.timeout (PT5M)")
        .doesNotContain("\tat ");
    assertThat(started).isEmpty();
  }

  @Test
  void aSettingTheJobRefusesWhilePreparingExitsTwo() {
    FlinkJobLauncher refusing =
        new FlinkJobLauncher(
            configuration -> {
              throw new IllegalArgumentException(
                  "invalid driftgate configuration:\n  driftgate.kafka.transaction-timeout is"
                      + " PT15M, above the brokers' transaction.max.timeout.ms of PT10M");
            });

    CliRun result = CliRun.run(Map.of(), refusing, KAFKA, JDBC);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("above the brokers' transaction.max.timeout.ms")
        .doesNotContain("\tat ");
  }

  @Test
  void aMisspeltDriftgateKeyIsRefusedWithASuggestion() {
    CliRun result = run(KAFKA, JDBC, "--driftgate.kafka.bootstrap-server=x:9092");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("driftgate.kafka.bootstrap-server is not a driftgate option")
        .contains("did you mean driftgate.kafka.bootstrap-servers?");
    assertThat(started).isEmpty();
  }

  @Test
  void aBareWordIsNotASetting() {
    CliRun result = run("run", KAFKA, "oops");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unexpected argument 'oops'");
  }

  @Test
  void aSettingWithoutValueIsRefused() {
    assertThat(run(KAFKA, JDBC, "--driftgate.kafka.group-id").err())
        .contains("'--driftgate.kafka.group-id' needs a value");
    assertThat(run(KAFKA, JDBC, "-Dparallelism.default").exitCode()).isEqualTo(2);
  }

  @Test
  void anUnreadableConfigFileExitsTwo() {
    CliRun result = run("--config", dir.resolve("missing.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--config: cannot read");
  }

  @Test
  void helpIsNotTakenForJobArguments() {
    CliRun top = run("--help");
    CliRun runHelp = run("run", "--help");

    assertThat(top.exitCode()).isZero();
    assertThat(top.out())
        .contains("rollout", "status", "resolve", "demo", "flink run driftgate.jar");
    assertThat(runHelp.out()).contains("--config", "-Dkey=value");
    assertThat(started).isEmpty();
  }
}
