package io.driftgate.job;

import static io.driftgate.job.ItRecords.minute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftgate.cli.TestCli;
import io.driftgate.job.ItRecords.Produced;
import io.driftgate.job.ItRecords.Stream;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the CLI against a broker that takes SASL_PLAINTEXT with PLAIN only: the operator's
 * commands, sent with the CLI's {@code --kafka-config}, drive a rollout that the job, with its
 * {@code driftgate.kafka.*} security options, promotes; and a CLI without (the right) credentials
 * fails with a message that says so instead of hanging. Credentials are generated per run and
 * handed over in temporary files only.
 */
class KafkaSaslIntegrationTest {

  private static final String USER = "driftgate";
  private static final String PASSWORD = UUID.randomUUID().toString();

  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.saslPlain(USER, PASSWORD);

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  @TempDir Path dir;

  private JdbcSettings db;
  private TestJobs.Topics topics;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.h2();
    new DecisionStore(db).ensureAlias(ItRecords.DATASET, "v1", ItRecords.T0);
    topics =
        new TestJobs.Topics("sasl-" + UUID.randomUUID().toString().substring(0, 8)).create(KAFKA);
  }

  @AfterEach
  void tearDown() {
    TestDatabases.release(db);
  }

  @Test
  void commandsFromTheCliAreActedOnByTheJobOverSasl() throws Exception {
    Path jaas = write("client-jaas.conf", KafkaBroker.plainJaas(USER, PASSWORD));
    Path kafkaConfig =
        write(
            "kafka.properties",
            "driftgate.kafka.security.protocol=SASL_PLAINTEXT\n"
                + "driftgate.kafka.sasl.mechanism=PLAIN\n"
                + "driftgate.kafka.sasl.jaas-config-file="
                + jaas
                + "\n");
    produce(ItRecords.rows(1, Stream.healthy("v1", 0, 9), Stream.healthy("v2", 0, 9)));

    TestCli.Result start =
        rollout(
            Map.of("DRIFTGATE_KAFKA_CONFIG", kafkaConfig.toString()),
            "start",
            ItRecords.DATASET,
            "v2",
            "--baseline",
            "v1",
            "--actor",
            "release-bot",
            "--command-id",
            "c-start",
            "--at",
            minute(1).toString());
    TestCli.Result approve =
        rollout(
            Map.of(),
            "approve",
            ItRecords.DATASET,
            "--stage",
            "2",
            "--actor",
            "alice",
            "--command-id",
            "c-approve",
            "--at",
            minute(1).toString(),
            "--kafka-config",
            kafkaConfig.toString());
    assertThat(start.exitCode()).as(start.err()).isZero();
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(values(topics.control()))
        .extracting(command -> command.get("command_id").asText())
        .containsExactly("c-start", "c-approve");

    Configuration config =
        TestJobs.config(
            KAFKA,
            db,
            topics,
            topics.prefix() + "-job",
            "src/test/resources/it-contracts",
            true,
            1);
    config.setString("driftgate.kafka.security.protocol", "SASL_PLAINTEXT");
    config.setString("driftgate.kafka.sasl.mechanism", "PLAIN");
    config.setString("driftgate.kafka.sasl.jaas-config-file", jaas.toString());
    DriftgateJob.run(config);

    assertThat(values(topics.events()))
        .extracting(decision -> decision.get("kind").asText())
        .contains("PROMOTED")
        .doesNotContain("ROLLED_BACK");
    assertThat(TestDatabases.rows(db, "SELECT version FROM dataset_alias"))
        .containsExactly(List.of("v2"));
  }

  @Test
  void theCliWithoutCredentialsFailsSayingWhy() throws Exception {
    TestCli.Result plaintext = rollout(Map.of(), "pause", ItRecords.DATASET, "--timeout", "PT3S");

    assertThat(plaintext.exitCode()).isEqualTo(1);
    assertThat(plaintext.err()).contains("--kafka-config");

    Path jaas = write("wrong-jaas.conf", KafkaBroker.plainJaas(USER, "not-the-password"));
    Path kafkaConfig =
        write(
            "wrong.properties",
            "driftgate.kafka.security.protocol=SASL_PLAINTEXT\n"
                + "driftgate.kafka.sasl.mechanism=PLAIN\n"
                + "driftgate.kafka.sasl.jaas-config-file="
                + jaas
                + "\n");
    TestCli.Result wrong =
        rollout(
            Map.of(),
            "pause",
            ItRecords.DATASET,
            "--timeout",
            "PT10S",
            "--kafka-config",
            kafkaConfig.toString());

    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("Authentication failed");
  }

  private TestCli.Result rollout(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("rollout"));
    all.addAll(List.of(args));
    all.addAll(
        List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", topics.control()));
    return TestCli.run(env, all.toArray(String[]::new));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private void produce(List<Produced> rows) {
    TestJobs.produce(KAFKA, topics.records(), rows);
  }

  private static List<JsonNode> values(String topic) {
    return TestJobs.jsonValues(KAFKA, topic);
  }
}
