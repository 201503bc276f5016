package io.driftgate.cli;

import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.JobSettings;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.YamlParserUtils;

/**
 * Turns the {@code run} command's file and settings into one Flink {@link Configuration}, checks it
 * with {@link JobSettings} before anything is submitted, and runs the job. Every key goes into the
 * configuration, so Flink's own options ({@code -Dparallelism.default=2}) reach the environment;
 * keys under {@code driftgate.} must be driftgate options, so a typo fails instead of being
 * ignored. A setting the job itself refuses while preparing, before it is submitted (a Kafka
 * transaction timeout above the brokers' limit, which only the brokers know), exits 2 as well.
 */
final class FlinkJobLauncher implements JobLauncher {

  /** Runs a checked configuration; {@code DriftgateJob::run} in production. */
  @FunctionalInterface
  interface Job {
    void run(Configuration configuration) throws Exception;
  }

  private static final String PREFIX = "driftgate.";

  /** The keys of every option in {@link DriftgateOptions}. */
  static final Set<String> KNOWN_KEYS = knownKeys();

  private final Job job;

  FlinkJobLauncher(Job job) {
    this.job = job;
  }

  static FlinkJobLauncher production() {
    return new FlinkJobLauncher(DriftgateJob::run);
  }

  @Override
  public void launch(Path configFile, Map<String, String> settings) throws Exception {
    Configuration configuration = configuration(configFile, settings);
    try {
      JobSettings.from(withCluster(configuration), true);
      job.run(configuration);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /**
   * The cluster's {@code config.yaml} (where {@code flink run} points {@code FLINK_CONF_DIR}) under
   * the command line's settings: {@code driftgate.*} keys may be set in either, as the job reads
   * them (see {@code DriftgateJob#prepare}).
   */
  static Configuration withCluster(Configuration commandLine) {
    String confDir = System.getenv("FLINK_CONF_DIR");
    Configuration merged =
        confDir == null || !Files.isDirectory(Path.of(confDir))
            ? new Configuration()
            : GlobalConfiguration.loadConfiguration(confDir);
    merged.addAll(commandLine);
    return merged;
  }

  /**
   * The file's settings, then {@code settings} over them.
   *
   * @throws CliException (exit 2) if the file cannot be read or a {@code driftgate.} key is unknown
   */
  static Configuration configuration(Path configFile, Map<String, String> settings) {
    Configuration configuration = new Configuration();
    if (configFile != null) {
      read(configFile).forEach(configuration::setString);
    }
    settings.forEach(configuration::setString);
    Set<String> unknown = new TreeSet<>();
    for (String key : configuration.keySet()) {
      if (key.startsWith(PREFIX) && !KNOWN_KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw CliException.usage(
          "invalid driftgate configuration:\n"
              + unknown.stream()
                  .map(key -> "  " + key + " is not a driftgate option" + suggestion(key))
                  .collect(Collectors.joining("\n")));
    }
    return configuration;
  }

  /** Flink-style YAML ({@code config.yaml}: nested or dotted keys), or Java properties. */
  static Map<String, String> read(Path file) {
    if (!Files.isReadable(file)) {
      throw CliException.usage("--config: cannot read " + file);
    }
    Map<String, String> flat = new java.util.LinkedHashMap<>();
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".properties")) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
        properties.stringPropertyNames().forEach(k -> flat.put(k, properties.getProperty(k)));
      } else {
        Map<String, Object> yaml = YamlParserUtils.loadYamlFile(file.toFile());
        flatten("", yaml == null ? Map.of() : yaml, flat);
      }
    } catch (IOException e) {
      throw CliException.usage("--config: cannot read " + file + ": " + e.getMessage());
    } catch (Exception e) {
      throw CliException.usage("--config: " + file + " is not valid YAML: " + e.getMessage());
    }
    return flat;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, flat);
      } else if (value instanceof List<?>) {
        // Flink 2 reads list values in YAML flow style, e.g. [a, b].
        flat.put(key, YamlParserUtils.toYAMLString(value).strip());
      } else if (value != null) {
        flat.put(key, String.valueOf(value));
      }
    }
  }

  /** The closest known key, if the unknown one looks like a typo of it. */
  private static String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : KNOWN_KEYS) {
      int distance = distance(key, known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Set<String> knownKeys() {
    Set<String> keys = new TreeSet<>();
    for (Field field : DriftgateOptions.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        try {
          keys.add(((ConfigOption<?>) field.get(null)).key());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + field, e);
        }
      }
    }
    return Set.copyOf(keys);
  }
}
