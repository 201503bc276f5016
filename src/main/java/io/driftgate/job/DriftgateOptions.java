package io.driftgate.job;

import io.driftgate.kafka.KafkaSecurity;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.JdbcTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.Description;

/**
 * Every setting of the job, as Flink options under {@code driftgate.}: settable in Flink's {@code
 * config.yaml}, a {@code FlinkDeployment}'s {@code flinkConfiguration}, or {@code
 * --driftgate.key=value} on the command line. Parsed and checked once by {@link JobSettings}.
 */
public final class DriftgateOptions {

  private DriftgateOptions() {}

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      ConfigOptions.key("driftgate.kafka.bootstrap-servers")
          .stringType()
          .noDefaultValue()
          .withDescription("Kafka bootstrap servers, host:port[,host:port...]. Required.");

  public static final ConfigOption<String> GROUP_ID =
      ConfigOptions.key("driftgate.kafka.group-id")
          .stringType()
          .defaultValue("driftgate")
          .withDescription("Consumer group of the records and control sources.");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      ConfigOptions.key("driftgate.kafka.transactional-id-prefix")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Start of the exactly-once Kafka sinks' transactional ids; by default the job's"
                  + " name (pipeline.name, else 'driftgate'). Each sink names its transactions"
                  + " <prefix>-<role>-<topic>-<subtask>-<checkpoint>, role being dead-letters,"
                  + " drift-results, rollout-events or routing. Keep it the same across restarts"
                  + " and upgrades of one job, and different between jobs that write the same"
                  + " topic on one Kafka cluster: two such jobs fence each other's producers and"
                  + " abort each other's transactions, losing output.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      ConfigOptions.key("driftgate.kafka.transaction-timeout")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "The Kafka sinks' transaction.timeout.ms. By default derived from the checkpoint"
                  + " interval and timeout: max(15 min, 2 x (interval + timeout) + 1 min). When"
                  + " set, it must be at least interval + timeout, and at most the brokers'"
                  + " transaction.max.timeout.ms (15 min unless raised). A transaction the broker"
                  + " times out before its checkpoint commits it is aborted: its records are"
                  + " lost.");

  public static final ConfigOption<Duration> BROKER_CHECK_TIMEOUT =
      ConfigOptions.key("driftgate.kafka.broker-check-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "How long submission waits for the brokers to report their"
                  + " transaction.max.timeout.ms, to refuse a transaction timeout above it"
                  + " before the job starts. When they cannot be asked in time (unreachable, or"
                  + " no DescribeConfigs right on the cluster) the job is submitted with a"
                  + " warning. 0 s skips the check.");

  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
      ConfigOptions.key("driftgate.kafka.starting-offsets")
          .enumType(StartingOffsets.class)
          .defaultValue(StartingOffsets.COMMITTED_OR_EARLIEST)
          .withDescription(
              "Where the sources start without a checkpoint: the group's committed offsets"
                  + " (else the earliest), the earliest or the latest.");

  public static final ConfigOption<Boolean> BOUNDED =
      ConfigOptions.key("driftgate.kafka.bounded")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Read the records and control topics up to their end offsets at start, then"
                  + " finish: for backfills, replays and tests.");

  public static final ConfigOption<String> SECURITY_PROTOCOL =
      ConfigOptions.key(KafkaSecurity.PROTOCOL)
          .stringType()
          .defaultValue("PLAINTEXT")
          .withDescription(
              "Kafka security.protocol of every client the job creates (sources, sinks, the"
                  + " broker check): PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");

  public static final ConfigOption<String> SASL_MECHANISM =
      ConfigOptions.key(KafkaSecurity.SASL_MECHANISM)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Kafka sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. Required with"
                  + " SASL_PLAINTEXT and SASL_SSL.");

  public static final ConfigOption<String> SASL_JAAS_CONFIG_FILE =
      ConfigOptions.key(KafkaSecurity.JAAS_CONFIG_FILE)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A file holding the Kafka sasl.jaas.config value (e.g. a mounted secret), read"
                  + " when the clients are built. Required with SASL_PLAINTEXT and SASL_SSL; the"
                  + " JAAS configuration is never given inline, so no credential sits in the"
                  + " job's configuration.");

  public static final ConfigOption<String> SSL_TRUSTSTORE_LOCATION =
      storeOption(KafkaSecurity.TRUSTSTORE + ".location", "Kafka ssl.truststore.location.");
  public static final ConfigOption<String> SSL_TRUSTSTORE_PASSWORD_FILE =
      storeOption(
          KafkaSecurity.TRUSTSTORE + ".password-file",
          "A file holding the trust store's password.");
  public static final ConfigOption<String> SSL_TRUSTSTORE_PASSWORD_ENV =
      storeOption(
          KafkaSecurity.TRUSTSTORE + ".password-env",
          "The environment variable holding the trust store's password.");
  public static final ConfigOption<String> SSL_KEYSTORE_LOCATION =
      storeOption(
          KafkaSecurity.KEYSTORE + ".location", "Kafka ssl.keystore.location (mutual TLS).");
  public static final ConfigOption<String> SSL_KEYSTORE_PASSWORD_FILE =
      storeOption(
          KafkaSecurity.KEYSTORE + ".password-file", "A file holding the key store's password.");
  public static final ConfigOption<String> SSL_KEYSTORE_PASSWORD_ENV =
      storeOption(
          KafkaSecurity.KEYSTORE + ".password-env",
          "The environment variable holding the key store's password.");
  public static final ConfigOption<String> SSL_KEY_PASSWORD_FILE =
      storeOption(
          KafkaSecurity.KEY_PASSWORD + "-file", "A file holding the private key's password.");
  public static final ConfigOption<String> SSL_KEY_PASSWORD_ENV =
      storeOption(
          KafkaSecurity.KEY_PASSWORD + "-env",
          "The environment variable holding the private key's password.");

  /**
   * Documents the pass-through: any {@code driftgate.kafka.properties.<key>} is given to every
   * Kafka client as {@code <key>}, except the keys driftgate sets itself or has an option for.
   */
  public static final ConfigOption<Map<String, String>> KAFKA_PROPERTIES =
      ConfigOptions.key(
              KafkaSecurity.PASS_THROUGH_PREFIX.substring(
                  0, KafkaSecurity.PASS_THROUGH_PREFIX.length() - 1))
          .mapType()
          .noDefaultValue()
          .withDescription(
              "Further Kafka client settings, one key each: driftgate.kafka.properties.<key>"
                  + " (e.g. driftgate.kafka.properties.ssl.endpoint.identification.algorithm)."
                  + " Keys driftgate sets itself (bootstrap.servers, group.id, transactional.id,"
                  + " isolation.level, ...) or has an option for (security.protocol, sasl.*,"
                  + " store locations and passwords) are refused.");

  public static final ConfigOption<String> RECORDS_TOPIC = topic("records", "driftgate.records");

  /**
   * Downstream outcomes that consumers report ({@code io.driftgate.outcome.OutcomeEmitter}), read
   * with the records' size and future-skew limits; docs/wire-formats.md, "Outcome record".
   */
  public static final ConfigOption<String> OUTCOMES_TOPIC = topic("outcomes", "driftgate.outcomes");

  /**
   * The outcomes' bounded equivalent of {@link #OUTCOMES_TOPIC}: JSON-lines files parsed as the
   * topic's messages are ({@code io.driftgate.source.OutcomeLines}). For replays, backfills and
   * tests that bring the consumers' outcomes as a file rather than on Kafka.
   */
  public static final ConfigOption<String> OUTCOMES_SOURCE =
      ConfigOptions.key("driftgate.sources.outcomes")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A JSON-lines file of outcome records, or a directory of them read recursively"
                  + " (any Flink file system path, e.g. file:///data/outcomes.jsonl or"
                  + " s3://bucket/outcomes/), read instead of driftgate.topics.outcomes: each"
                  + " non-blank line one outcome record, parsed and dead-lettered as the topic's"
                  + " messages are, with the file's modification time as their Kafka timestamp."
                  + " Bounded: the job reads the files once, with the records' watermarks, and"
                  + " once they are read outcomes no longer hold back event time. Read only when"
                  + " a contract has an outcome gate. Unset: the outcomes topic.");

  public static final ConfigOption<String> CONTROL_TOPIC = topic("control", "driftgate.control");
  public static final ConfigOption<String> DEAD_LETTER_TOPIC =
      topic("dead-letters", "driftgate.dead-letters");
  public static final ConfigOption<String> DRIFT_RESULTS_TOPIC =
      topic("drift-results", "driftgate.drift-results");
  public static final ConfigOption<String> ROLLOUT_EVENTS_TOPIC =
      topic("rollout-events", "driftgate.rollout-events");
  public static final ConfigOption<String> ROUTING_TOPIC = topic("routing", "driftgate.routing");

  public static final ConfigOption<String> JDBC_URL =
      ConfigOptions.key("driftgate.jdbc.url")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "JDBC URL of the database holding dataset_alias, cohort_routing and the audit"
                  + " tables, e.g. jdbc:postgresql://db:5432/driftgate. Required.");

  public static final ConfigOption<String> JDBC_USER =
      ConfigOptions.key("driftgate.jdbc.user")
          .stringType()
          .noDefaultValue()
          .withDescription("Database user.");

  public static final ConfigOption<String> JDBC_PASSWORD_ENV =
      ConfigOptions.key("driftgate.jdbc.password-env")
          .stringType()
          .defaultValue("DRIFTGATE_JDBC_PASSWORD")
          .withDescription(
              "Environment variable holding the database password. Passwords are never"
                  + " options themselves.");

  public static final ConfigOption<String> JDBC_PASSWORD_FILE =
      ConfigOptions.key("driftgate.jdbc.password-file")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "File holding the database password (e.g. a mounted Kubernetes Secret); wins"
                  + " over the environment variable.");

  public static final ConfigOption<Boolean> JDBC_MIGRATE =
      ConfigOptions.key("driftgate.jdbc.migrate")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Apply the schema migrations in sql/migrations at job start, which needs a user with"
                  + " DDL rights. Turn off when the job runs as the job role of"
                  + " sql/roles/driftgate-roles.sql, after `driftgate migrate` as the migrator.");

  public static final ConfigOption<Boolean> RECOVER_FROM_DATABASE =
      ConfigOptions.key("driftgate.recovery.from-database")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "When the job meets a dataset its state does not know (started without a"
                  + " savepoint), carry on from the database's gate_snapshot row: the decision"
                  + " sequence, the reference profile, the abandoned candidates and the rollout in"
                  + " flight. Turn off only for a replay that must decide exactly as a first run,"
                  + " into a database that remembers that run.");

  public static final ConfigOption<Duration> JDBC_CONNECT_TIMEOUT =
      ConfigOptions.key("driftgate.jdbc.connect-timeout")
          .durationType()
          .defaultValue(JdbcTimeouts.DEFAULTS.connect())
          .withDescription(
              "How long opening a database connection may take (PostgreSQL: whole seconds,"
                  + " rounded up).");

  public static final ConfigOption<Duration> JDBC_SOCKET_TIMEOUT =
      ConfigOptions.key("driftgate.jdbc.socket-timeout")
          .durationType()
          .defaultValue(JdbcTimeouts.DEFAULTS.socket())
          .withDescription(
              "How long any read from the database, a statement's included, may take before the"
                  + " connection counts as lost (PostgreSQL: whole seconds, rounded up). Longer"
                  + " than driftgate.jdbc.lock-timeout.");

  public static final ConfigOption<Duration> JDBC_LOCK_TIMEOUT =
      ConfigOptions.key("driftgate.jdbc.lock-timeout")
          .durationType()
          .defaultValue(JdbcTimeouts.DEFAULTS.lock())
          .withDescription(
              "How long a statement may wait for a row lock (PostgreSQL's lock_timeout), e.g."
                  + " behind a stuck transaction holding a dataset's alias row; the write is then"
                  + " retried.");

  public static final ConfigOption<Duration> JDBC_RETRY_INITIAL_BACKOFF =
      ConfigOptions.key("driftgate.jdbc.retry.initial-backoff")
          .durationType()
          .defaultValue(RetryPolicy.DEFAULTS.initialBackoff())
          .withDescription(
              "Wait before re-sending a write that failed because the database was unreachable;"
                  + " doubled after each further failure.");

  public static final ConfigOption<Duration> JDBC_RETRY_MAX_BACKOFF =
      ConfigOptions.key("driftgate.jdbc.retry.max-backoff")
          .durationType()
          .defaultValue(RetryPolicy.DEFAULTS.maxBackoff())
          .withDescription("Longest wait between two attempts of a write.");

  public static final ConfigOption<Duration> JDBC_RETRY_MAX_DURATION =
      ConfigOptions.key("driftgate.jdbc.retry.max-duration")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "How long a write may be retried while the database is unreachable before the task"
                  + " fails (and Flink restarts the job). Unset: until the database is back, the"
                  + " job backpressuring meanwhile. 0 s fails at the first error.");

  public static final ConfigOption<String> CONTRACTS_DIR =
      ConfigOptions.key("driftgate.contracts.dir")
          .stringType()
          .defaultValue("contracts")
          .withDescription("Directory of the data contracts (*.yaml), one per dataset.");

  public static final ConfigOption<Duration> EVALUATION_TICK =
      ConfigOptions.key("driftgate.evaluation.tick")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "Event-time window of the partial profiles, and so how often each rollout is"
                  + " evaluated. Between 1 s and 1 h.");

  public static final ConfigOption<Duration> OUTCOMES_GRACE =
      ConfigOptions.key("driftgate.outcomes.grace")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "How long after a routing change a consumer may still read by the routing before"
                  + " it (its resolver's cache age): outcomes of keys whose cohort changed are not"
                  + " counted meanwhile (docs/outcomes.md). Between 0 and 1 h.");

  public static final ConfigOption<Duration> OUTCOMES_ROUTING_RETENTION =
      ConfigOptions.key("driftgate.outcomes.routing-retention")
          .durationType()
          .defaultValue(Duration.ofDays(7))
          .withDescription(
              "How much of its routing history each dataset's gate keeps to assign outcomes by:"
                  + " an outcome older than that is not counted (EXPIRED). Between 1 h and 90 d.");

  public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
      ConfigOptions.key("driftgate.watermark.out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "How far behind the newest event time read from its partition a record may arrive"
                  + " and still be counted; later records are dead-lettered as LATE. Also how far"
                  + " the watermark trails each partition.");

  public static final ConfigOption<Duration> IDLENESS =
      ConfigOptions.key("driftgate.watermark.idleness")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription(
              "A records partition silent this long no longer holds back event time (unbounded"
                  + " jobs; a bounded job reads every partition to its end instead). Records a"
                  + " partition delivers after it was idle for windows evaluated meanwhile are"
                  + " dead-lettered as LATE and counted in records_late_after_idleness: set it above"
                  + " the longest broker or producer outage you ride out. The control topic never"
                  + " holds back event time.");

  public static final ConfigOption<MemorySize> RECORDS_MAX_BYTES =
      ConfigOptions.key("driftgate.records.max-bytes")
          .memoryType()
          .defaultValue(MemorySize.ofMebiBytes(1))
          .withDescription(
              "Largest record value the job parses, between 1 kb and 64 mb; larger records are"
                  + " dead-lettered unparsed as TOO_LARGE (their dead letter keeps only the"
                  + " first 64 KiB). Keep it at or below the records topic's max.message.bytes.");

  public static final ConfigOption<Duration> RECORDS_MAX_FUTURE_SKEW =
      ConfigOptions.key("driftgate.records.max-future-skew")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription(
              "How far a record's event time may be ahead of its Kafka timestamp, between 1 s"
                  + " and 7 d; records further ahead are dead-lettered as FUTURE and move neither"
                  + " the watermark nor the lateness rule, so one record dated years ahead cannot"
                  + " close every window. Records without a Kafka timestamp are not checked.");

  public static final ConfigOption<Integer> RECORDS_MAX_VERSIONS_PER_DATASET =
      ConfigOptions.key("driftgate.records.max-versions-per-dataset")
          .intType()
          .defaultValue(8)
          .withDescription(
              "Most distinct versions of one dataset each profiling subtask profiles in one"
                  + " event-time window, between 2 and 1000; a record of a further version in that"
                  + " window is dead-lettered as TOO_MANY_VERSIONS, so producers cannot grow state"
                  + " and metrics without bound by making versions up. Versions are admitted in"
                  + " arrival order: up to the limit nothing changes, beyond it which versions win"
                  + " depends on arrival order, so keep it above the 2 versions of a rollout plus"
                  + " those of a rollout just ended.");

  public static final ConfigOption<ControlAuth.Mode> CONTROL_AUTH =
      ConfigOptions.key("driftgate.control.auth")
          .enumType(ControlAuth.Mode.class)
          .defaultValue(ControlAuth.Mode.OFF)
          .withDescription(
              "Whether control commands must be signed: 'required' verifies every command's"
                  + " Ed25519 signature against the keys in driftgate.control.keys, and"
                  + " dead-letters (and audits as REJECTED) unsigned, forged, unknown-key,"
                  + " wrong-actor, stale and replayed commands; 'off' takes a command's actor as"
                  + " it says, which only a closed control topic makes safe (the job logs a"
                  + " warning). The contract's control policy applies either way. The prod overlay"
                  + " requires signatures.");

  public static final ConfigOption<String> CONTROL_KEYS =
      ConfigOptions.key("driftgate.control.keys")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Directory of the public keys that may sign commands, one '<actor>.pub' file per"
                  + " key as 'driftgate keygen' writes it, e.g. a mounted ConfigMap or Secret."
                  + " Re-read when its files change, so keys are added and revoked without a"
                  + " restart. Required when driftgate.control.auth is 'required'.");

  public static final ConfigOption<Duration> CONTROL_MAX_AGE =
      ConfigOptions.key("driftgate.control.max-age")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "How far a signed command's time may be from its Kafka timestamp, and how far"
                  + " behind the newest command of its dataset, before it is refused as stale;"
                  + " between 1 s and 1 d. Command ids are remembered this long to refuse"
                  + " replays, so the state they take stays bounded.");

  public static final ConfigOption<Duration> CONTROL_MAX_DELAY =
      ConfigOptions.key("driftgate.control.max-delay")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withDescription(
              "Longest a command waits for event time once the job has read it and its own time"
                  + " has come on the job's clock; between 100 ms and 1 h. Commands are applied"
                  + " in event-time order with the windows when the watermark passes them; one it"
                  + " has not passed by then (no records flowing, an idle or restarted source) is"
                  + " applied anyway, with the inputs queued before it, and windows that event"
                  + " time puts before it are applied after it. Unbounded jobs only: a bounded one"
                  + " applies everything in event-time order when its input ends. See 'Commands"
                  + " and windows: the ordering rule' in docs/architecture.md.");

  public static final ConfigOption<Integer> NUMERIC_BINS =
      ConfigOptions.key("driftgate.profile.numeric-bins")
          .intType()
          .defaultValue(2560)
          .withDescription(
              "Non-empty bins kept per numeric field, in [16, 2560]: distinct values are counted"
                  + " exactly up to this many, then bins coarsen to hold every value in this"
                  + " many. More bins, less sketch error in D, larger profiles.");

  public static final ConfigOption<Integer> MAX_CATEGORIES =
      ConfigOptions.key("driftgate.profile.max-categories")
          .intType()
          .defaultValue(128)
          .withDescription("Categories kept by name per categorical field.");

  public static final ConfigOption<Integer> POOL_BUCKETS =
      ConfigOptions.key("driftgate.profile.pool-buckets")
          .intType()
          .defaultValue(256)
          .withDescription("Hash buckets of the categories beyond max-categories.");

  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      ConfigOptions.key("driftgate.checkpoint.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription(
              "Checkpoint interval, used when execution.checkpointing.interval is not set."
                  + " The Kafka sinks commit and the JDBC sinks write on checkpoints, so a"
                  + " decision reaches the topics and tables up to one interval (plus the"
                  + " checkpoint's duration) after it is made: 5 s puts a rollback's alias and"
                  + " routing change within 10 s of the command.");

  public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT =
      ConfigOptions.key("driftgate.checkpoint.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "Checkpoint timeout, used when execution.checkpointing.timeout is not set;"
                  + " between 1 s and 1 h. Shorter than Flink's 10 min so that, with the default"
                  + " interval, the derived Kafka transaction timeout (see"
                  + " driftgate.kafka.transaction-timeout) stays within the brokers' default"
                  + " transaction.max.timeout.ms of 15 min.");

  public static final ConfigOption<List<String>> NOTIFY_WEBHOOKS =
      ConfigOptions.key("driftgate.notify.webhooks")
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "Webhooks that decisions are posted to, one spec each:"
                  + " <name>=<url>[;format=json|slack][;secret-env=VAR|;secret-file=PATH]"
                  + "[;kinds=KIND,...], e.g."
                  + " ops=https://hooks.example/dg;format=slack;secret-env=DG_HOOK_SECRET;"
                  + "kinds=ROLLED_BACK,PROMOTED. The signing secret is read on the TaskManagers"
                  + " from the variable or file, never given inline; kinds defaults to every"
                  + " kind. Unset: no notifications. See docs/notifications.md.");

  public static final ConfigOption<String> NOTIFY_RUNBOOK_URL =
      ConfigOptions.key("driftgate.notify.runbook-url")
          .stringType()
          .defaultValue("docs/runbook.md")
          .withDescription(
              "Where docs/runbook.md can be read by the people notified, e.g. its address in"
                  + " your repository host or wiki; each notification links a section of it.");

  public static final ConfigOption<Duration> NOTIFY_RETRY_INITIAL_BACKOFF =
      ConfigOptions.key("driftgate.notify.retry.initial-backoff")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withDescription(
              "Wait before posting a notification again after a failed attempt (a non-2xx"
                  + " answer, or no connection); doubled after each further failure.");

  public static final ConfigOption<Duration> NOTIFY_RETRY_MAX_BACKOFF =
      ConfigOptions.key("driftgate.notify.retry.max-backoff")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription("Longest wait between two attempts of a notification.");

  public static final ConfigOption<Duration> NOTIFY_RETRY_GIVE_UP_AFTER =
      ConfigOptions.key("driftgate.notify.retry.give-up-after")
          .durationType()
          .defaultValue(Duration.ofHours(24))
          .withDescription(
              "How long after its decision reached the outbox a notification that keeps failing"
                  + " is given up (status GAVE_UP).");

  public static final ConfigOption<Duration> NOTIFY_HTTP_TIMEOUT =
      ConfigOptions.key("driftgate.notify.http-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "Bounds connecting to a webhook and its whole answer; between 100 ms and 5 min. A"
                  + " request that got no answer in time may have arrived: it is marked UNKNOWN"
                  + " and not sent again.");

  public static final ConfigOption<Duration> NOTIFY_POLL_INTERVAL =
      ConfigOptions.key("driftgate.notify.poll-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withDescription(
              "How often the webhook dispatcher looks for notifications due; between 10 ms and"
                  + " 1 min.");

  private static ConfigOption<String> topic(String name, String defaultTopic) {
    return ConfigOptions.key("driftgate.topics." + name)
        .stringType()
        .defaultValue(defaultTopic)
        .withDescription(Description.builder().text("Kafka topic: " + name + ".").build());
  }

  /** Where a source starts when it has no checkpoint. */
  public enum StartingOffsets {
    COMMITTED_OR_EARLIEST,
    EARLIEST,
    LATEST
  }

  private static ConfigOption<String> storeOption(String key, String description) {
    return ConfigOptions.key(key)
        .stringType()
        .noDefaultValue()
        .withDescription(description + " Used with SSL and SASL_SSL.");
  }
}
