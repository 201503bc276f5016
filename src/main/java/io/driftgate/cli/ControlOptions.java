package io.driftgate.cli;

import io.driftgate.auth.SigningKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where a {@code rollout} command goes, and the fields every command carries. */
final class ControlOptions {

  static final String BOOTSTRAP_ENV = "DRIFTGATE_KAFKA_BOOTSTRAP_SERVERS";
  static final String KEY_ENV = "DRIFTGATE_CONTROL_KEY";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "<host:port,...>",
      description = "Kafka bootstrap servers. Default: $" + BOOTSTRAP_ENV + ".")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "<file>",
      description =
          "Kafka security settings: a properties file with the job's driftgate.kafka.*"
              + " security keys (driftgate.kafka.security.protocol, driftgate.kafka.sasl.mechanism,"
              + " driftgate.kafka.sasl.jaas-config-file, driftgate.kafka.ssl.truststore.*,"
              + " driftgate.kafka.properties.<key>, ...), secrets read from the files or"
              + " environment variables it names. Default: $"
              + KafkaConfigFile.ENV
              + ", else plaintext.")
  String kafkaConfig;

  @Option(
      names = "--topic",
      paramLabel = "<topic>",
      defaultValue = "driftgate.control",
      description =
          "The control topic the job reads (its driftgate.topics.control). Default:"
              + " ${DEFAULT-VALUE}.")
  String topic;

  @Option(
      names = "--actor",
      paramLabel = "<name>",
      description =
          "Who issues the command; the audit log records it. Default: the --key's actor, else"
              + " $USER. With a --key, another actor is refused.")
  String actor;

  @Option(
      names = "--key",
      paramLabel = "<file>",
      description =
          "Signs the command with this private key file (from 'driftgate keygen'), so a job"
              + " with driftgate.control.auth=required accepts it; the command's actor is then"
              + " the key's. Default: $"
              + KEY_ENV
              + ", else the command is sent unsigned.")
  Path key;

  @Option(
      names = "--at",
      paramLabel = "<instant>",
      converter = InstantConverter.class,
      description =
          "The command's event time, ISO-8601 (2026-05-01T10:00:00Z or with an offset). The job"
              + " orders commands and records by event time, so a replay decides the same."
              + " Default: now.")
  Instant at;

  @Option(
      names = "--command-id",
      paramLabel = "<id>",
      description =
          "Identifies the command: the job answers each id once, so re-sending a command with"
              + " the same id (a retry) changes nothing and decides nothing. Default: a random"
              + " UUID.")
  String commandId;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      defaultValue = "PT30S",
      description = "How long to wait for Kafka's acknowledgement. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  String bootstrapServers(CliContext context) {
    String servers = bootstrapServers != null ? bootstrapServers : context.env(BOOTSTRAP_ENV);
    if (servers == null || servers.isBlank()) {
      throw CliException.usage("--bootstrap-servers or $" + BOOTSTRAP_ENV + " is required");
    }
    return servers.strip();
  }

  /** The Kafka client security properties, secrets resolved; empty for plaintext. */
  Map<String, String> kafkaSecurity(CliContext context) {
    String file = kafkaConfig != null ? kafkaConfig : context.env(KafkaConfigFile.ENV);
    return KafkaConfigFile.clientProperties(file, context);
  }

  /** The key to sign with, or {@code null} for an unsigned command. */
  SigningKey signingKey(CliContext context) {
    Path file =
        key != null ? key : Optional.ofNullable(context.env(KEY_ENV)).map(Path::of).orElse(null);
    if (file == null) {
      return null;
    }
    try {
      return SigningKey.read(file);
    } catch (IllegalArgumentException e) {
      throw CliException.usage((key != null ? "--key" : "$" + KEY_ENV) + ": " + e.getMessage());
    }
  }

  /**
   * @param signingKey the key the command is signed with, whose actor it must be; or {@code null}
   */
  String actor(CliContext context, SigningKey signingKey) {
    String explicit = actor == null || actor.isBlank() ? null : actor.strip();
    if (signingKey != null) {
      if (explicit != null && !explicit.equals(signingKey.actor())) {
        throw CliException.usage(
            "--actor "
                + explicit
                + " differs from the actor of the signing key "
                + signingKey.keyId()
                + ", "
                + signingKey.actor()
                + ": a signed command is issued by the key's actor");
      }
      return signingKey.actor();
    }
    if (explicit != null) {
      return explicit;
    }
    String user = context.env("USER");
    return user != null ? user : System.getProperty("user.name", "unknown");
  }

  Instant at(CliContext context) {
    return at != null ? at : context.clock().instant();
  }

  String commandId() {
    if (commandId != null && !commandId.isBlank()) {
      return commandId.strip();
    }
    return UUID.randomUUID().toString();
  }

  /** ISO-8601 instants, in UTC ({@code Z}) or with an offset. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO-8601 instant such as 2026-05-01T10:00:00Z");
      }
    }
  }
}
