package io.driftgate.cli;

import io.driftgate.kafka.KafkaSecurity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The CLI's Kafka security: a properties file with the job's own {@code driftgate.kafka.*} security
 * keys ({@link KafkaSecurity}), so that one file (or one {@code ConfigMap}) serves the job and the
 * operator alike. Its secrets are references to files and environment variables, as the job's are,
 * so the file itself holds none.
 */
final class KafkaConfigFile {

  static final String ENV = "DRIFTGATE_KAFKA_CONFIG";

  private KafkaConfigFile() {}

  /**
   * The Kafka client properties {@code file} asks for, secrets resolved; none for {@code null}.
   *
   * @throws CliException (usage) naming the file and every bad key
   */
  static Map<String, String> clientProperties(String file, CliContext context) {
    if (file == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw CliException.usage("--kafka-config: cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> settings = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String key : properties.stringPropertyNames()) {
      if (!KafkaSecurity.KEYS.contains(key) && !key.startsWith(KafkaSecurity.PASS_THROUGH_PREFIX)) {
        problems.add(
            key
                + " is not a Kafka security key ("
                + String.join(", ", KafkaSecurity.KEYS)
                + " or "
                + KafkaSecurity.PASS_THROUGH_PREFIX
                + "<key>)");
      }
      settings.put(key, properties.getProperty(key));
    }
    KafkaSecurity security = KafkaSecurity.from(settings, problems);
    if (!problems.isEmpty()) {
      throw CliException.usage(
          "--kafka-config " + file + " is invalid:\n  " + String.join("\n  ", problems));
    }
    try {
      return security.clientProperties(context::env);
    } catch (RuntimeException e) {
      throw CliException.usage("--kafka-config " + file + ": " + e.getMessage());
    }
  }
}
