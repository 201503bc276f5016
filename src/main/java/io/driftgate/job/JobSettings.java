package io.driftgate.job;

import static io.driftgate.job.DriftgateOptions.*;

import io.driftgate.gate.OutcomeSettings;
import io.driftgate.kafka.KafkaSecurity;
import io.driftgate.notify.NotificationSettings;
import io.driftgate.notify.Webhook;
import io.driftgate.notify.WebhookSpecs;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.source.VersionSource.Secret;
import io.driftgate.store.JdbcTimeouts;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;

/**
 * The job's settings, read from {@link DriftgateOptions} once and checked all at once: a bad
 * configuration fails at submission with every problem named by its key, not at the first record.
 *
 * @param outcomesFile where {@link DriftgateOptions#OUTCOMES_SOURCE} points, {@code null} to read
 *     the outcomes topic
 */
public record JobSettings(
    String jobName,
    Kafka kafka,
    JdbcEndpoint jdbc,
    RetryPolicy jdbcRetry,
    boolean migrateSchema,
    boolean recoverFromDatabase,
    Path contractsDir,
    boolean contractsDirIsDefault,
    Duration evaluationTick,
    Duration outOfOrderness,
    Duration idleness,
    Duration controlMaxDelay,
    ControlAuth controlAuth,
    RecordLimits recordLimits,
    int maxVersionsPerDataset,
    ProfileSettings profile,
    Checkpoints checkpoints,
    NotificationSettings notifications,
    OutcomeSettings outcomes,
    String outcomesFile)
    implements Serializable {

  /** The job's name when {@code pipeline.name} is not set. */
  private static final String DEFAULT_JOB_NAME = "driftgate";

  /** Kafka settings; {@code null} in the demo, which has no Kafka. */
  public record Kafka(
      String bootstrapServers,
      String groupId,
      KafkaTransactions transactions,
      Duration brokerCheckTimeout,
      StartingOffsets startingOffsets,
      boolean bounded,
      String recordsTopic,
      String controlTopic,
      String deadLetterTopic,
      String driftResultsTopic,
      String rolloutEventsTopic,
      String routingTopic,
      String outcomesTopic,
      KafkaSecurity security)
      implements Serializable {}

  /**
   * @param withKafka whether Kafka settings are required (the demo runs without Kafka)
   * @throws IllegalArgumentException naming every bad key
   */
  /**
   * What reading and profiling a version needs, and nothing else: the settings a preflight must
   * share with the job so that its profiles fit the job's contracts and profile settings.
   */
  public record Profiling(
      Path contractsDir,
      boolean contractsDirIsDefault,
      RecordLimits recordLimits,
      ProfileSettings profile) {}

  /**
   * @throws IllegalArgumentException naming every bad key among those {@link Profiling} reads
   */
  public static Profiling profiling(Configuration config) {
    List<String> problems = new ArrayList<>();
    RecordLimits recordLimits = recordLimits(config, problems);
    ProfileSettings profile = profile(config, problems);
    refuseAny(problems);
    return new Profiling(
        Path.of(config.get(CONTRACTS_DIR)), !config.contains(CONTRACTS_DIR), recordLimits, profile);
  }

  private static void refuseAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid driftgate configuration:\n  " + String.join("\n  ", problems));
    }
  }

  public static JobSettings from(Configuration config, boolean withKafka) {
    List<String> problems = new ArrayList<>();
    String jobName = jobName(config);
    Checkpoints checkpoints = Checkpoints.from(config, problems);
    Kafka kafka = null;
    if (withKafka) {
      String bootstrap = required(config, BOOTSTRAP_SERVERS, problems);
      kafka =
          new Kafka(
              bootstrap,
              nonBlank(config, GROUP_ID, problems),
              KafkaTransactions.from(config, jobName, checkpoints, problems),
              within(config, BROKER_CHECK_TIMEOUT, Duration.ZERO, Duration.ofMinutes(5), problems),
              config.get(STARTING_OFFSETS),
              config.get(BOUNDED),
              nonBlank(config, RECORDS_TOPIC, problems),
              nonBlank(config, CONTROL_TOPIC, problems),
              nonBlank(config, DEAD_LETTER_TOPIC, problems),
              nonBlank(config, DRIFT_RESULTS_TOPIC, problems),
              nonBlank(config, ROLLOUT_EVENTS_TOPIC, problems),
              nonBlank(config, ROUTING_TOPIC, problems),
              nonBlank(config, OUTCOMES_TOPIC, problems),
              KafkaSecurity.from(securitySettings(config), problems));
    }
    String url = required(config, JDBC_URL, problems);
    if (url != null && !url.startsWith("jdbc:")) {
      problems.add(JDBC_URL.key() + ": '" + url + "' is not a JDBC URL (jdbc:...)");
    }
    String passwordFile = config.get(JDBC_PASSWORD_FILE);
    if (passwordFile != null && !Files.isReadable(Path.of(passwordFile))) {
      problems.add(JDBC_PASSWORD_FILE.key() + ": cannot read " + passwordFile);
    }
    Duration tick =
        within(config, EVALUATION_TICK, Duration.ofSeconds(1), Duration.ofHours(1), problems);
    Duration lateness =
        within(config, OUT_OF_ORDERNESS, Duration.ZERO, Duration.ofHours(1), problems);
    Duration idleness =
        within(config, IDLENESS, Duration.ofMillis(100), Duration.ofHours(1), problems);
    Duration controlMaxDelay =
        within(config, CONTROL_MAX_DELAY, Duration.ofMillis(100), Duration.ofHours(1), problems);
    ControlAuth controlAuth = controlAuth(config, problems);
    RecordLimits recordLimits = recordLimits(config, problems);
    int maxVersions = config.get(RECORDS_MAX_VERSIONS_PER_DATASET);
    if (maxVersions < 2 || maxVersions > 1_000) {
      problems.add(
          RECORDS_MAX_VERSIONS_PER_DATASET.key()
              + " is "
              + maxVersions
              + ", must be between 2 and 1000 (a rollout profiles 2 versions at once)");
    }
    ProfileSettings profile = profile(config, problems);
    JdbcTimeouts timeouts = timeouts(config, problems);
    RetryPolicy retry = retry(config, problems);
    NotificationSettings notifications = notifications(config, problems);
    Duration grace = within(config, OUTCOMES_GRACE, Duration.ZERO, Duration.ofHours(1), problems);
    Duration retention =
        within(
            config, OUTCOMES_ROUTING_RETENTION, Duration.ofHours(1), Duration.ofDays(90), problems);
    String outcomesFile = outcomesFile(config, problems);
    refuseAny(problems);
    return new JobSettings(
        jobName,
        kafka,
        new JdbcEndpoint(
            url, config.get(JDBC_USER), config.get(JDBC_PASSWORD_ENV), passwordFile, timeouts),
        retry,
        config.get(JDBC_MIGRATE),
        config.get(RECOVER_FROM_DATABASE),
        Path.of(config.get(CONTRACTS_DIR)),
        !config.contains(CONTRACTS_DIR),
        tick,
        lateness,
        idleness,
        controlMaxDelay,
        controlAuth,
        recordLimits,
        maxVersions,
        profile,
        checkpoints,
        notifications,
        new OutcomeSettings(grace, retention),
        outcomesFile);
  }

  /**
   * The outcomes file, if set. Whether it exists is left to the source: the path may be on a file
   * system this client cannot see (the JobManager's disk, a bucket), and the source names a missing
   * path when it lists it.
   */
  private static String outcomesFile(Configuration config, List<String> problems) {
    String path = config.get(OUTCOMES_SOURCE);
    if (path == null) {
      return null;
    }
    if (path.isBlank()) {
      problems.add(
          OUTCOMES_SOURCE.key()
              + " must not be blank: a file or directory of outcome records, or unset for the"
              + " outcomes topic");
      return null;
    }
    return path.strip();
  }

  /**
   * {@code pipeline.name}, else {@value #DEFAULT_JOB_NAME}: the Flink job's name, and the default
   * start of its Kafka transactional ids, which is why it must stay the same across restarts.
   */
  private static String jobName(Configuration config) {
    return config
        .getOptional(PipelineOptions.NAME)
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .orElse(DEFAULT_JOB_NAME);
  }

  /**
   * The security options as {@link KafkaSecurity} reads them, the pass-through from its map option,
   * whether given as one {@code driftgate.kafka.properties} value or key by key.
   */
  private static Map<String, String> securitySettings(Configuration config) {
    Map<String, String> settings = new HashMap<>();
    for (ConfigOption<String> option :
        List.of(
            SECURITY_PROTOCOL,
            SASL_MECHANISM,
            SASL_JAAS_CONFIG_FILE,
            SSL_TRUSTSTORE_LOCATION,
            SSL_TRUSTSTORE_PASSWORD_FILE,
            SSL_TRUSTSTORE_PASSWORD_ENV,
            SSL_KEYSTORE_LOCATION,
            SSL_KEYSTORE_PASSWORD_FILE,
            SSL_KEYSTORE_PASSWORD_ENV,
            SSL_KEY_PASSWORD_FILE,
            SSL_KEY_PASSWORD_ENV)) {
      String value = config.get(option);
      if (value != null) {
        settings.put(option.key(), value);
      }
    }
    config
        .getOptional(KAFKA_PROPERTIES)
        .orElse(Map.of())
        .forEach((key, value) -> settings.put(KafkaSecurity.PASS_THROUGH_PREFIX + key, value));
    return settings;
  }

  private static ControlAuth controlAuth(Configuration config, List<String> problems) {
    ControlAuth.Mode mode = config.get(CONTROL_AUTH);
    String keys = config.get(CONTROL_KEYS);
    Duration maxAge =
        within(config, CONTROL_MAX_AGE, Duration.ofSeconds(1), Duration.ofDays(1), problems);
    if (mode == ControlAuth.Mode.REQUIRED && (keys == null || keys.isBlank())) {
      problems.add(
          CONTROL_KEYS.key()
              + " is required when "
              + CONTROL_AUTH.key()
              + " is 'required': the directory of the public keys that may sign commands");
    }
    return new ControlAuth(mode, keys == null ? null : keys.strip(), maxAge);
  }

  private static RecordLimits recordLimits(Configuration config, List<String> problems) {
    MemorySize maxBytes = config.get(RECORDS_MAX_BYTES);
    MemorySize min = MemorySize.parse("1 kb");
    MemorySize max = MemorySize.ofMebiBytes(64);
    if (maxBytes.compareTo(min) < 0 || maxBytes.compareTo(max) > 0) {
      problems.add(
          RECORDS_MAX_BYTES.key()
              + " is "
              + maxBytes.toHumanReadableString()
              + ", must be between 1 kb and 64 mb");
      return RecordLimits.DEFAULTS;
    }
    Duration skew =
        within(
            config, RECORDS_MAX_FUTURE_SKEW, Duration.ofSeconds(1), Duration.ofDays(7), problems);
    return new RecordLimits((int) maxBytes.getBytes(), skew.toMillis());
  }

  private static ProfileSettings profile(Configuration config, List<String> problems) {
    try {
      return new ProfileSettings(
          config.get(NUMERIC_BINS),
          config.get(MAX_CATEGORIES),
          config.get(POOL_BUCKETS),
          ProfileSettings.DEFAULTS.distinctLgK());
    } catch (IllegalArgumentException e) {
      problems.add("driftgate.profile.*: " + e.getMessage());
      return null;
    }
  }

  private static JdbcTimeouts timeouts(Configuration config, List<String> problems) {
    Duration connect =
        within(
            config, JDBC_CONNECT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10), problems);
    Duration socket =
        within(config, JDBC_SOCKET_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1), problems);
    Duration lock =
        within(config, JDBC_LOCK_TIMEOUT, Duration.ofMillis(1), Duration.ofHours(1), problems);
    try {
      return new JdbcTimeouts(connect, socket, lock);
    } catch (IllegalArgumentException e) {
      problems.add(JDBC_LOCK_TIMEOUT.key() + ": " + e.getMessage());
      return null;
    }
  }

  private static RetryPolicy retry(Configuration config, List<String> problems) {
    Duration initial =
        within(
            config,
            JDBC_RETRY_INITIAL_BACKOFF,
            Duration.ofMillis(1),
            Duration.ofMinutes(1),
            problems);
    Duration max =
        within(
            config, JDBC_RETRY_MAX_BACKOFF, Duration.ofMillis(1), Duration.ofMinutes(10), problems);
    Duration maxDuration = config.get(JDBC_RETRY_MAX_DURATION);
    if (maxDuration != null && maxDuration.isNegative()) {
      problems.add(JDBC_RETRY_MAX_DURATION.key() + " is " + maxDuration + ", must not be negative");
      return null;
    }
    try {
      return new RetryPolicy(initial, max, maxDuration);
    } catch (IllegalArgumentException e) {
      problems.add(JDBC_RETRY_MAX_BACKOFF.key() + ": " + e.getMessage());
      return null;
    }
  }

  private static NotificationSettings notifications(Configuration config, List<String> problems) {
    List<Webhook> webhooks =
        WebhookSpecs.parse(
            config.getOptional(NOTIFY_WEBHOOKS).orElse(List.of()), NOTIFY_WEBHOOKS.key(), problems);
    for (Webhook webhook : webhooks) {
      String file = webhook.secret().from() == Secret.From.FILE ? webhook.secret().name() : null;
      if (file != null && !Files.isReadable(Path.of(file))) {
        problems.add(
            NOTIFY_WEBHOOKS.key() + ": webhook '" + webhook.name() + "': cannot read " + file);
      }
    }
    String runbook = nonBlank(config, NOTIFY_RUNBOOK_URL, problems);
    Duration initial =
        within(
            config,
            NOTIFY_RETRY_INITIAL_BACKOFF,
            Duration.ofMillis(10),
            Duration.ofHours(1),
            problems);
    Duration max =
        within(
            config, NOTIFY_RETRY_MAX_BACKOFF, Duration.ofMillis(10), Duration.ofDays(1), problems);
    Duration giveUp =
        within(config, NOTIFY_RETRY_GIVE_UP_AFTER, Duration.ZERO, Duration.ofDays(30), problems);
    Duration timeout =
        within(
            config, NOTIFY_HTTP_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5), problems);
    Duration poll =
        within(
            config, NOTIFY_POLL_INTERVAL, Duration.ofMillis(10), Duration.ofMinutes(1), problems);
    RetryPolicy retry = null;
    try {
      retry = new RetryPolicy(initial, max, giveUp);
    } catch (IllegalArgumentException e) {
      problems.add(NOTIFY_RETRY_MAX_BACKOFF.key() + ": " + e.getMessage());
    }
    return retry == null || runbook == null
        ? null
        : new NotificationSettings(webhooks, runbook.strip(), retry, timeout, poll);
  }

  private static String required(
      Configuration config, ConfigOption<String> option, List<String> problems) {
    String value = config.get(option);
    if (value == null || value.isBlank()) {
      problems.add(option.key() + " is required");
      return null;
    }
    return value.strip();
  }

  private static String nonBlank(
      Configuration config, ConfigOption<String> option, List<String> problems) {
    String value = config.get(option);
    if (value == null || value.isBlank()) {
      problems.add(option.key() + " must not be blank");
    }
    return value;
  }

  private static Duration within(
      Configuration config,
      ConfigOption<Duration> option,
      Duration min,
      Duration max,
      List<String> problems) {
    Duration value = config.get(option);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(option.key() + " is " + value + ", must be between " + min + " and " + max);
    }
    return value;
  }
}
