package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.auth.Authenticator;
import io.driftgate.auth.CommandSignatures;
import io.driftgate.auth.KeyFiles;
import io.driftgate.auth.KeyRegistry;
import io.driftgate.auth.VerifyingKey;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.ControlResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code rollout} command lands on the control topic as the command the job will parse. */
class RolloutCommandTest {

  @RegisterExtension static KafkaBroker kafka = new KafkaBroker();

  private static final String DATASET = "features.customer_profile";
  private static final Instant AT = Instant.parse("2026-03-02T10:15:00Z");

  @TempDir Path dir;

  private String topic;

  @BeforeEach
  void freshTopic() {
    topic = "control-" + UUID.randomUUID();
    kafka.createTopic(topic, 3);
  }

  /** Runs {@code rollout <args>} with the common options and returns the one command it sent. */
  private Command send(String... args) {
    return sendWith(Map.of("USER", "ada"), args).command();
  }

  /** As {@link #send}, in the environment {@code env}, returning the command and its signature. */
  private ControlResult.Accepted sendWith(Map<String, String> env, String... args) {
    CliRun result = CliRun.run(env, rollout(args));
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = kafka.consumeAll(topic, Duration.ofSeconds(30));
    assertThat(records).hasSize(1);
    ConsumerRecord<byte[], byte[]> record = records.get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(DATASET);
    ControlResult parsed = ControlJson.parse(record.value());
    assertThat(parsed).isInstanceOf(ControlResult.Accepted.class);
    ControlResult.Accepted accepted = (ControlResult.Accepted) parsed;
    assertThat(result.out().strip()).isEqualTo(accepted.command().commandId());
    return accepted;
  }

  private String[] rollout(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("rollout"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic",
            topic,
            "--at",
            AT.toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void startWithoutPlanLeavesThePlanToTheContract() {
    Command command = send("start", DATASET, "v42", "--baseline", "v41", "--command-id", "c-1");

    assertThat(command).isEqualTo(new Command.Start("c-1", DATASET, "ada", AT, "v42", "v41", null));
  }

  @Test
  void startWithAYamlPlanSendsThePlan() throws Exception {
    Path plan = dir.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        rollbackWindow: 2
        stages:
          - { exposure: 10, minDuration: PT5M, minSamples: 500 }
          - { exposure: 100, minDuration: PT0S, minSamples: 0, approval: true }
        """);

    Command command = send("start", DATASET, "v42", "--baseline", "v41", "--plan", plan.toString());

    assertThat(command).isInstanceOf(Command.Start.class);
    assertThat(((Command.Start) command).plan())
        .isEqualTo(
            new RolloutPlan(
                List.of(
                    new Stage(1_000, Duration.ofMinutes(5), 500, false),
                    new Stage(10_000, Duration.ZERO, 0, true)),
                2));
    assertThat(command.commandId()).satisfies(id -> UUID.fromString(id));
  }

  @Test
  void startWithAJsonPlanSendsThePlan() throws Exception {
    Path plan = dir.resolve("plan.json");
    Files.writeString(
        plan,
        "{\"rollbackWindow\":3,\"stages\":[{\"exposure\":100,\"minDuration\":\"PT1M\","
            + "\"minSamples\":10}]}");

    Command command = send("start", DATASET, "v42", "--baseline", "v41", "--plan", plan.toString());

    assertThat(((Command.Start) command).plan().stages())
        .containsExactly(new Stage(10_000, Duration.ofMinutes(1), 10, false));
  }

  @Test
  void approveTakesStagesCountedFromOne() {
    Command command = send("approve", DATASET, "--stage", "3", "--actor", "grace");

    assertThat(command).isInstanceOf(Command.Approve.class);
    Command.Approve approve = (Command.Approve) command;
    assertThat(approve.stageIndex()).isEqualTo(2);
    assertThat(approve.actor()).isEqualTo("grace");
    assertThat(approve.at()).isEqualTo(AT);
  }

  @Test
  void pauseAndResume() {
    assertThat(send("pause", DATASET, "--command-id", "p-1"))
        .isEqualTo(new Command.Pause("p-1", DATASET, "ada", AT));
    freshTopic();
    assertThat(send("resume", DATASET, "--command-id", "r-1"))
        .isEqualTo(new Command.Resume("r-1", DATASET, "ada", AT));
  }

  @Test
  void abortCarriesItsReason() {
    Command command =
        send("abort", DATASET, "--reason", "superseded by v43", "--command-id", "a-1");

    assertThat(command)
        .isEqualTo(new Command.Abort("a-1", DATASET, "ada", AT, "superseded by v43"));
  }

  @Test
  void rollbackIsAManualRollback() {
    Command command =
        send("rollback", DATASET, "--reason", "INC-1234: pricing alerts", "--command-id", "b-1");

    assertThat(command)
        .isEqualTo(
            new Command.ManualRollback("b-1", DATASET, "ada", AT, "INC-1234: pricing alerts"));
  }

  @Test
  void bootstrapServersComeFromTheEnvironmentAndTimeDefaultsToNow() {
    CliRun result =
        CliRun.run(
            Map.of("DRIFTGATE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "USER", "ada"),
            "rollout",
            "pause",
            DATASET,
            "--topic",
            topic);

    assertThat(result.exitCode()).as(result.err()).isZero();
    Command command =
        ((ControlResult.Accepted)
                ControlJson.parse(kafka.consumeAll(topic, Duration.ofSeconds(30)).get(0).value()))
            .command();
    assertThat(command.at()).isEqualTo(CliRun.NOW);
    assertThat(command.actor()).isEqualTo("ada");
  }

  @Test
  void usageErrorsExitTwoAndSendNothing() {
    assertThat(CliRun.run(Map.of(), rollout("approve", DATASET, "--stage", "0")).err())
        .contains("stages count from 1");
    assertThat(CliRun.run(Map.of(), rollout("start", DATASET, "v42")).exitCode()).isEqualTo(2);
    assertThat(CliRun.run(Map.of(), rollout("abort", DATASET)).err()).contains("--reason");
    assertThat(CliRun.run(Map.of(), rollout("pause", DATASET, "--at", "yesterday")).err())
        .contains("not an ISO-8601 instant");
    CliRun noServers = CliRun.run(Map.of(), "rollout", "pause", DATASET);
    assertThat(noServers.exitCode()).isEqualTo(2);
    assertThat(noServers.err()).contains("DRIFTGATE_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(kafka.consumeAll(topic, Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void anInvalidPlanExitsTwoNamingTheProblem() throws Exception {
    Path plan = dir.resolve("bad.yaml");
    Files.writeString(
        plan,
        """
        rollbackWindow: 2
        stages:
          - { exposure: 50, minDuration: PT5M, minSamples: 500 }
          - { exposure: 10, minDuration: PT5M, minSamples: 500 }
        """);

    CliRun result =
        CliRun.run(
            Map.of(),
            rollout("start", DATASET, "v42", "--baseline", "v41", "--plan", plan.toString()));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("not a valid rollout plan").contains("stages");
    assertThat(kafka.consumeAll(topic, Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void anUnreachableBrokerFailsWithExitOne() {
    CliRun result =
        CliRun.run(
            Map.of(),
            "rollout",
            "pause",
            DATASET,
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--timeout",
            "PT2S");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("127.0.0.1:1").doesNotContain("\tat ");
  }

  /**
   * An actor's key pair from {@code driftgate keygen}, the public half alone in a key directory.
   */
  private KeyFiles.Generated keysOf(String actor) throws Exception {
    CliRun keygen = CliRun.run(Map.of(), "keygen", "--actor", actor, "--out", dir.toString());
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.copy(dir.resolve(actor + ".pub"), keys.resolve(actor + ".pub"));
    return new KeyFiles.Generated(
        VerifyingKey.read(dir.resolve(actor + ".pub")).keyId(),
        dir.resolve(actor + ".key"),
        dir.resolve(actor + ".pub"));
  }

  @Test
  void aSignedStartOnTheTopicVerifiesWithTheMatchingPublicKey() throws Exception {
    KeyFiles.Generated grace = keysOf("grace");
    Path plan = dir.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        rollbackWindow: 2
        stages:
          - { exposure: 12.5, minDuration: PT90M, minSamples: 500, maxDuration: P2D }
          - { exposure: 100, minDuration: PT0.5S, minSamples: 0, approval: true }
        """);

    ControlResult.Accepted sent =
        sendWith(
            Map.of("USER", "ada"),
            "start",
            DATASET,
            "v42",
            "--baseline",
            "v41",
            "--plan",
            plan.toString(),
            "--key",
            grace.privateKeyFile().toString());

    assertThat(sent.command().actor()).isEqualTo("grace");
    assertThat(sent.signature().keyId()).isEqualTo(grace.keyId());
    VerifyingKey publicKey = VerifyingKey.read(grace.publicKeyFile());
    assertThat(
            CommandSignatures.verifies(
                sent.command(),
                sent.signature().keyId(),
                sent.signature().signature(),
                publicKey.publicKey()))
        .isTrue();
    assertThat(
            new Authenticator(KeyRegistry.inDirectory(dir.resolve("keys").toString()))
                .verify(sent.command(), sent.signature()))
        .isEqualTo(new Authenticator.Verified(publicKey));
  }

  @Test
  void everyCommandIsSignedWithTheKeyFromTheEnvironment() throws Exception {
    KeyFiles.Generated grace = keysOf("grace");
    Authenticator authenticator =
        new Authenticator(KeyRegistry.inDirectory(dir.resolve("keys").toString()));
    Map<String, String> env =
        Map.of("USER", "ada", "DRIFTGATE_CONTROL_KEY", grace.privateKeyFile().toString());
    List<String[]> commands =
        List.of(
            new String[] {"approve", DATASET, "--stage", "2", "--actor", "grace"},
            new String[] {"pause", DATASET},
            new String[] {"resume", DATASET},
            new String[] {"abort", DATASET, "--reason", "not wanted"},
            new String[] {"rollback", DATASET, "--reason", "INC-7"});

    for (String[] args : commands) {
      freshTopic();
      ControlResult.Accepted sent = sendWith(env, args);

      assertThat(authenticator.verify(sent.command(), sent.signature()))
          .as(args[0])
          .isInstanceOf(Authenticator.Verified.class);
    }
  }

  @Test
  void anExplicitActorThatIsTheKeysIsAccepted() throws Exception {
    KeyFiles.Generated grace = keysOf("grace");

    ControlResult.Accepted sent =
        sendWith(
            Map.of("USER", "ada"),
            "pause",
            DATASET,
            "--actor",
            "grace",
            "--key",
            grace.privateKeyFile().toString());

    assertThat(sent.command().actor()).isEqualTo("grace");
    assertThat(sent.signature().keyId()).isEqualTo(grace.keyId());
  }

  @Test
  void withoutAKeyTheCommandIsUnsigned() {
    assertThat(sendWith(Map.of("USER", "ada"), "pause", DATASET).signature()).isNull();
  }

  @Test
  void anActorOtherThanTheKeysOrABadKeyFileIsAUsageErrorAndSendsNothing() throws Exception {
    KeyFiles.Generated grace = keysOf("grace");
    Path broken = Files.writeString(dir.resolve("broken.key"), "actor: grace\n");

    CliRun otherActor =
        CliRun.run(
            Map.of(),
            rollout(
                "pause", DATASET, "--key", grace.privateKeyFile().toString(), "--actor", "ada"));
    CliRun badFile =
        CliRun.run(Map.of("DRIFTGATE_CONTROL_KEY", broken.toString()), rollout("pause", DATASET));

    assertThat(otherActor.exitCode()).isEqualTo(2);
    assertThat(otherActor.err())
        .contains("--actor ada differs from the actor of the signing key " + grace.keyId());
    assertThat(badFile.exitCode()).isEqualTo(2);
    assertThat(badFile.err()).contains("$DRIFTGATE_CONTROL_KEY: " + broken + ": missing 'key-id'");
    assertThat(kafka.consumeAll(topic, Duration.ofSeconds(30))).isEmpty();
  }
}
