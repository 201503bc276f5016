package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's {@code --kafka-config}: refused before any Kafka client starts when it is wrong. */
class KafkaConfigFileTest {

  @TempDir Path dir;

  @Test
  void aBadFileIsAUsageErrorNamingEveryKey() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("kafka.properties"),
            "driftgate.kafka.security.protocol=SASL_PLAINTEXT\n"
                + "driftgate.kafka.sasl.mechanism=GSSAPI\n"
                + "driftgate.kafka.properties.bootstrap.servers=elsewhere:9092\n"
                + "sasl.jaas.config=inline\n");

    CliRun run =
        CliRun.run(
            Map.of(),
            "rollout",
            "pause",
            "some.dataset",
            "--bootstrap-servers",
            "localhost:1",
            "--kafka-config",
            config.toString());

    assertThat(run.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(run.err())
        .contains("driftgate.kafka.sasl.mechanism: 'GSSAPI' is not one of")
        .contains("driftgate.kafka.sasl.jaas-config-file is required")
        .contains("driftgate.kafka.properties.bootstrap.servers: driftgate sets")
        .contains("sasl.jaas.config is not a Kafka security key");
  }

  @Test
  void secretsComeFromTheFilesAndVariablesItNames() throws Exception {
    Path jaas = Files.writeString(dir.resolve("jaas.conf"), "the-jaas-line;\n");
    Path store = Files.writeString(dir.resolve("trust.p12"), "a store");
    Path config =
        Files.writeString(
            dir.resolve("kafka.properties"),
            "driftgate.kafka.security.protocol=SASL_SSL\n"
                + "driftgate.kafka.sasl.mechanism=SCRAM-SHA-256\n"
                + "driftgate.kafka.sasl.jaas-config-file="
                + jaas
                + "\ndriftgate.kafka.ssl.truststore.location="
                + store
                + "\ndriftgate.kafka.ssl.truststore.password-env=TRUST_PASSWORD\n");

    Map<String, String> properties =
        KafkaConfigFile.clientProperties(
            config.toString(),
            new CliContext(
                System.out,
                System.err,
                Map.of("TRUST_PASSWORD", "from-env"),
                Clock.systemUTC(),
                (file, settings) -> {
                  throw new AssertionError("this test runs no job");
                }));

    assertThat(properties)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry("sasl.jaas.config", "the-jaas-line;")
        .containsEntry("ssl.truststore.location", store.toString())
        .containsEntry("ssl.truststore.password", "from-env");
  }
}
