package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.notify.NotificationSettings;
import io.driftgate.notify.Webhook;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.JdbcTimeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The job's configuration: what it needs, what it rejects, and how it says so. */
class JobSettingsTest {

  @Test
  void theJobIsBuiltFromKafkaAndJdbcSettingsAlone() {
    Configuration config = new Configuration();
    config.setString("driftgate.kafka.bootstrap-servers", "localhost:9092");
    config.setString(
        "driftgate.jdbc.url",
        "jdbc:h2:mem:settings-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    config.setString("driftgate.contracts.dir", "/nonexistent-is-fine-only-by-default");
    config.setString("driftgate.kafka.broker-check-timeout", "0 s"); // no broker at localhost
    assertThatThrownBy(() -> DriftgateJob.prepare(config))
        .hasMessageContaining("driftgate.contracts.dir");
    config.removeConfig(DriftgateOptions.CONTRACTS_DIR);

    StreamExecutionEnvironment env = DriftgateJob.prepare(config);

    List<String> uids =
        env.getStreamGraph(false).getStreamNodes().stream()
            .map(StreamNode::getTransformationUID)
            .filter(uid -> uid != null)
            .toList();
    assertThat(uids)
        .contains(
            "kafka-records",
            "kafka-control",
            "profile",
            "merge-profiles",
            "rollout-controller",
            "jdbc-alias",
            "jdbc-audit",
            "kafka-routing");
    assertThat(env.getCheckpointConfig().getCheckpointInterval())
        .isEqualTo(Duration.ofSeconds(5).toMillis());
    assertThat(env.getCheckpointConfig().getCheckpointTimeout())
        .isEqualTo(Duration.ofMinutes(5).toMillis());
    // The connector co-locates each sink's writer and committer under its transactional-id prefix.
    assertThat(
            env.getStreamGraph(false).getStreamNodes().stream()
                .map(StreamNode::getCoLocationGroup)
                .filter(group -> group != null)
                .distinct())
        .containsExactlyInAnyOrder(
            "driftgate-dead-letters-driftgate.dead-letters",
            "driftgate-drift-results-driftgate.drift-results",
            "driftgate-rollout-events-driftgate.rollout-events",
            "driftgate-routing-driftgate.routing");
  }

  /**
   * With {@code driftgate.sources.outcomes} the outcomes come from the files alone; without it,
   * from the topic; and neither is read without an outcome gate.
   */
  @Test
  void theOutcomesComeFromTheirFileWhenOneIsSetAndFromTheTopicOtherwise(@TempDir Path dir)
      throws Exception {
    Path gated = Files.createDirectory(dir.resolve("gated"));
    String contract = Files.readString(Path.of("src/test/resources/it-contracts/it.features.yaml"));
    Files.writeString(
        gated.resolve("it.features.yaml"),
        contract.replace(
            "\nx-driftgate:\n",
            "\nx-driftgate:\n  outcomes:\n    model_score: { test: mean, harm: decrease,"
                + " effectFloor: 0.01 }\n"));
    Path ungated = Files.createDirectory(dir.resolve("ungated"));
    Files.writeString(ungated.resolve("it.features.yaml"), contract);
    Configuration config = new Configuration();
    config.setString("driftgate.kafka.bootstrap-servers", "localhost:9092");
    config.setString(
        "driftgate.jdbc.url",
        "jdbc:h2:mem:outcome-source-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    config.setString("driftgate.kafka.broker-check-timeout", "0 s"); // no broker at localhost

    config.setString("driftgate.contracts.dir", gated.toString());
    assertThat(uids(DriftgateJob.prepare(config)))
        .contains("kafka-outcomes", "outcome-check", "outcome-windows", "late-outcomes")
        .doesNotContain("file-outcomes");

    config.setString("driftgate.sources.outcomes", dir.resolve("outcomes.jsonl").toString());
    assertThat(uids(DriftgateJob.prepare(config)))
        .contains("file-outcomes", "outcome-check", "outcome-windows", "late-outcomes")
        .doesNotContain("kafka-outcomes");

    config.setString("driftgate.contracts.dir", ungated.toString());
    assertThat(uids(DriftgateJob.prepare(config)))
        .doesNotContain("file-outcomes", "kafka-outcomes", "outcome-check");
  }

  @Test
  void aBlankOutcomesSourceIsRefusedNamingTheKey() {
    assertThat(JobSettings.from(kafkaJob(), true).outcomesFile()).as("the topic").isNull();
    Configuration config = kafkaJob();
    config.setString("driftgate.sources.outcomes", " /data/outcomes.jsonl ");
    assertThat(JobSettings.from(config, true).outcomesFile()).isEqualTo("/data/outcomes.jsonl");
    config.setString("driftgate.sources.outcomes", " ");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.sources.outcomes must not be blank");
  }

  private static List<String> uids(StreamExecutionEnvironment env) {
    return env.getStreamGraph(false).getStreamNodes().stream()
        .map(StreamNode::getTransformationUID)
        .filter(uid -> uid != null)
        .toList();
  }

  @ParameterizedTest(name = "interval {0}, timeout {1}: {2}")
  @CsvSource({
    "5 s, 5 min, PT15M", // driftgate's defaults: 11.2 min needed, the 15-min floor wins
    "30 s, 5 min, PT15M", // 12 min needed
    "2 min, 5 min, PT15M", // 2 x 7 min + 1 min, just the floor
    "30 s, 10 min, PT22M", // Flink's default timeout: above the brokers' default limit
    "5 min, 10 min, PT31M",
    "100 ms, 1 s, PT15M"
  })
  void theTransactionTimeoutIsDerivedFromTheCheckpointIntervalAndTimeout(
      String interval, String timeout, String expected) {
    Configuration config = kafkaJob();
    config.setString("driftgate.checkpoint.interval", interval);
    config.setString("driftgate.checkpoint.timeout", timeout);

    JobSettings settings = JobSettings.from(config, true);

    assertThat(settings.kafka().transactions().timeout()).isEqualTo(Duration.parse(expected));
  }

  @Test
  void flinksOwnCheckpointKeysWinOverDriftgatesAndAreTheOnesNamed() {
    Configuration config = kafkaJob();
    config.setString("driftgate.checkpoint.interval", "10 s");
    config.setString("execution.checkpointing.interval", "1 min");
    config.setString("execution.checkpointing.timeout", "20 min");

    JobSettings settings = JobSettings.from(config, true);

    assertThat(settings.checkpoints())
        .isEqualTo(
            new Checkpoints(
                Duration.ofMinutes(1),
                "execution.checkpointing.interval",
                Duration.ofMinutes(20),
                "execution.checkpointing.timeout"));
    assertThat(settings.kafka().transactions().timeout()).isEqualTo(Duration.ofMinutes(43));
  }

  @Test
  void anExplicitTransactionTimeoutWinsWhenItOutlivesACheckpoint() {
    Configuration config = kafkaJob();
    config.setString("driftgate.kafka.transaction-timeout", "330 s"); // 30 s + 5 min, just enough

    assertThat(JobSettings.from(config, true).kafka().transactions().timeout())
        .isEqualTo(Duration.ofSeconds(330));
  }

  @Test
  void aTransactionTimeoutShorterThanIntervalPlusTimeoutIsRefusedNamingBoth() {
    Configuration config = kafkaJob();
    config.setString("execution.checkpointing.interval", "1 min");
    config.setString("driftgate.checkpoint.timeout", "10 min");
    config.setString("driftgate.kafka.transaction-timeout", "10 min");

    assertThatThrownBy(() -> JobSettings.from(config, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "driftgate.kafka.transaction-timeout is PT10M, shorter than"
                + " execution.checkpointing.interval (PT1M) + driftgate.checkpoint.timeout"
                + " (PT10M) = PT11M")
        .hasMessageContaining("leave it unset for PT23M");
  }

  @Test
  void jobsWithDifferentNamesGetDifferentTransactionalIdsByDefault() {
    Configuration fraud = kafkaJob();
    fraud.setString("pipeline.name", "fraud-gate");
    Configuration churn = kafkaJob();
    churn.setString("pipeline.name", "churn-gate");

    String fraudRouting = routingIdPrefix(fraud);
    String churnRouting = routingIdPrefix(churn);

    assertThat(fraudRouting).isEqualTo("fraud-gate-routing-driftgate.routing");
    assertThat(churnRouting).isEqualTo("churn-gate-routing-driftgate.routing");
    assertThat(routingIdPrefix(kafkaJob())).isEqualTo("driftgate-routing-driftgate.routing");
  }

  @Test
  void jobsWritingDifferentTopicsGetDifferentTransactionalIdsEvenUnderOneName() {
    Configuration staging = kafkaJob();
    staging.setString("driftgate.topics.routing", "staging.routing");
    Configuration prod = kafkaJob();
    prod.setString("driftgate.topics.routing", "prod.routing");

    assertThat(routingIdPrefix(staging)).isNotEqualTo(routingIdPrefix(prod));
  }

  @Test
  void theSameJobConfiguredAgainGetsTheSameTransactionalIdsAsOnRestore() {
    Configuration first = kafkaJob();
    first.setString("pipeline.name", "fraud-gate");
    Configuration restored = Configuration.fromMap(first.toMap());

    assertThat(JobSettings.from(restored, true).kafka().transactions())
        .isEqualTo(JobSettings.from(first, true).kafka().transactions());
    assertThat(routingIdPrefix(restored)).isEqualTo(routingIdPrefix(first));
  }

  @Test
  void anExplicitTransactionalIdPrefixWinsOverTheJobName() {
    Configuration config = kafkaJob();
    config.setString("pipeline.name", "fraud-gate");
    config.setString("driftgate.kafka.transactional-id-prefix", "team-a");

    assertThat(routingIdPrefix(config)).isEqualTo("team-a-routing-driftgate.routing");

    config.setString("driftgate.kafka.transactional-id-prefix", " ");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.kafka.transactional-id-prefix must not be blank");
  }

  @Test
  void theRecordSizeLimitDefaultsToOneMebibyteAndIsBounded() {
    assertThat(JobSettings.from(kafkaJob(), true).recordLimits().maxBytes()).isEqualTo(1 << 20);

    Configuration config = kafkaJob();
    config.setString("driftgate.records.max-bytes", "512 kb");
    assertThat(JobSettings.from(config, true).recordLimits().maxBytes()).isEqualTo(512 * 1024);

    assertThat(JobSettings.from(config, true).recordLimits().maxFutureSkewMillis())
        .isEqualTo(3_600_000);
    config.setString("driftgate.records.max-future-skew", "30 d");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.records.max-future-skew is PT720H, must be between");
    config.setString("driftgate.records.max-future-skew", "5 min");
    config.setString("driftgate.records.max-bytes", "100 bytes");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining(
            "driftgate.records.max-bytes is 100 bytes, must be between 1 kb and 64 mb");
  }

  @Test
  void theVersionsPerDatasetDefaultToEightAndAreBounded() {
    assertThat(JobSettings.from(kafkaJob(), true).maxVersionsPerDataset()).isEqualTo(8);

    Configuration config = kafkaJob();
    config.setString("driftgate.records.max-versions-per-dataset", "3");
    assertThat(JobSettings.from(config, true).maxVersionsPerDataset()).isEqualTo(3);
    config.setString("driftgate.records.max-versions-per-dataset", "1");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining(
            "driftgate.records.max-versions-per-dataset is 1, must be between 2 and 1000");
    config.setString("driftgate.records.max-versions-per-dataset", "1001");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.records.max-versions-per-dataset is 1001");
  }

  @Test
  void noWebhookMeansNoNotificationsAndTheDefaultsApply() {
    NotificationSettings notify = JobSettings.from(kafkaJob(), true).notifications();

    assertThat(notify.enabled()).isFalse();
    assertThat(notify.runbookUrl()).isEqualTo("docs/runbook.md");
    assertThat(notify.retry())
        .isEqualTo(
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24)));
    assertThat(notify.httpTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void webhooksAreReadFromTheCommandLineFormAndCheckedNamingTheKey() {
    Configuration config = kafkaJob();
    config.setString(
        "driftgate.notify.webhooks",
        "ops=https://hooks.example/dg;format=slack;secret-env=DG_HOOK;kinds=ROLLED_BACK");
    NotificationSettings notify = JobSettings.from(config, true).notifications();
    assertThat(notify.webhooks())
        .singleElement()
        .satisfies(
            webhook -> {
              assertThat(webhook.format()).isEqualTo(Webhook.Format.SLACK);
              assertThat(webhook.kinds()).containsExactly(DecisionKind.ROLLED_BACK);
            });

    config.setString(
        "driftgate.notify.webhooks", "ops=https://hooks.example/dg;secret-file=/no/such/file");
    config.setString("driftgate.notify.http-timeout", "1 h");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.notify.webhooks: webhook 'ops': cannot read /no/such/file")
        .hasMessageContaining("driftgate.notify.http-timeout is PT1H, must be between");
    config.setString("driftgate.notify.webhooks", "ops=https://hooks.example/dg;secret=x");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining(
            "driftgate.notify.webhooks: webhook 'ops': a secret is never given inline");
  }

  @Test
  void kafkaSecurityIsCheckedNamingEachKey() {
    Configuration config = kafkaJob();
    config.setString("driftgate.kafka.security.protocol", "SASL_PLAIN");
    config.setString("driftgate.kafka.properties.isolation.level", "read_uncommitted");
    config.setString("driftgate.kafka.properties.sasl.jaas.config", "inline");

    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.kafka.security.protocol: 'SASL_PLAIN' is not one of")
        .hasMessageContaining(
            "driftgate.kafka.properties.isolation.level: driftgate sets isolation.level itself")
        .hasMessageContaining("driftgate.kafka.properties.sasl.jaas.config: driftgate sets");
  }

  @Test
  void saslNeedsAMechanismAndAReadableJaasFile() {
    Configuration config = kafkaJob();
    config.setString("driftgate.kafka.security.protocol", "SASL_SSL");
    config.setString("driftgate.kafka.sasl.jaas-config-file", "/nonexistent/jaas.conf");
    config.setString("driftgate.kafka.ssl.truststore.password-env", "TRUST_PASSWORD");

    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining("driftgate.kafka.sasl.mechanism is required")
        .hasMessageContaining("driftgate.kafka.sasl.jaas-config-file: cannot read")
        .hasMessageContaining("driftgate.kafka.ssl.truststore.location is not");
  }

  @Test
  void securityIsReadIntoClientPropertiesWithSecretsFromFilesAndEnvironment(@TempDir Path dir)
      throws Exception {
    Path jaas = dir.resolve("jaas.conf");
    Files.writeString(jaas, "the-jaas-line;\n");
    Path truststore = dir.resolve("trust.p12");
    Files.writeString(truststore, "not really a store");
    Configuration config = kafkaJob();
    config.setString("driftgate.kafka.security.protocol", "sasl_ssl");
    config.setString("driftgate.kafka.sasl.mechanism", "SCRAM-SHA-512");
    config.setString("driftgate.kafka.sasl.jaas-config-file", jaas.toString());
    config.setString("driftgate.kafka.ssl.truststore.location", truststore.toString());
    config.setString("driftgate.kafka.ssl.truststore.password-env", "TRUST_PASSWORD");
    config.setString("driftgate.kafka.properties.ssl.truststore.type", "PKCS12");

    assertThat(
            JobSettings.from(config, true)
                .kafka()
                .security()
                .clientProperties(Map.of("TRUST_PASSWORD", "from-env")::get))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "the-jaas-line;",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", "from-env",
                "ssl.truststore.type", "PKCS12"));
  }

  /** The least configuration of a job that reads Kafka. */
  static Configuration kafkaJob() {
    Configuration config = new Configuration();
    config.setString("driftgate.kafka.bootstrap-servers", "kafka:9092");
    config.setString("driftgate.jdbc.url", "jdbc:postgresql://db/driftgate");
    return config;
  }

  private static String routingIdPrefix(Configuration config) {
    JobSettings.Kafka kafka = JobSettings.from(config, true).kafka();
    return kafka.transactions().sinkIdPrefix("routing", kafka.routingTopic());
  }

  @Test
  void everyBadSettingIsNamedByItsKeyAtOnce() {
    Configuration config = new Configuration();
    config.setString("driftgate.jdbc.url", "postgres://db/driftgate");
    config.setString("driftgate.evaluation.tick", "10 ms");
    config.setString("driftgate.profile.numeric-bins", "9000");

    assertThatThrownBy(() -> JobSettings.from(config, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driftgate.kafka.bootstrap-servers is required")
        .hasMessageContaining("driftgate.jdbc.url: 'postgres://db/driftgate' is not a JDBC URL")
        .hasMessageContaining("driftgate.evaluation.tick is PT0.01S, must be between PT1S and PT1H")
        .hasMessageContaining("numericBins must be in [16, 2560], got 9000");
  }

  @Test
  void commandsWaitForEventTimeAtMostTheControlMaxDelay() {
    Configuration config = kafkaJob();
    assertThat(JobSettings.from(config, true).controlMaxDelay()).isEqualTo(Duration.ofSeconds(2));

    config.setString("driftgate.control.max-delay", "500 ms");
    assertThat(JobSettings.from(config, true).controlMaxDelay()).isEqualTo(Duration.ofMillis(500));

    config.setString("driftgate.control.max-delay", "0 s");
    assertThatThrownBy(() -> JobSettings.from(config, true))
        .hasMessageContaining(
            "driftgate.control.max-delay is PT0S, must be between PT0.1S and PT1H");
  }

  @Test
  void thePasswordIsNeverInTheSettings() {
    Configuration config = new Configuration();
    config.setString("driftgate.jdbc.url", "jdbc:postgresql://db/driftgate");
    config.setString("driftgate.jdbc.password-env", "MY_DB_PASSWORD");

    JobSettings settings = JobSettings.from(config, false);

    assertThat(settings.jdbc().resolve(name -> name.equals("MY_DB_PASSWORD") ? "s3cret" : null))
        .satisfies(jdbc -> assertThat(jdbc.password()).isEqualTo("s3cret"));
    assertThat(settings.toString()).doesNotContain("s3cret");
  }

  @Test
  void databaseWaitsAreBoundedAndAnOutageIsWaitedOutUnlessALimitIsSet() {
    Configuration config = new Configuration();
    config.setString("driftgate.jdbc.url", "jdbc:postgresql://db/driftgate");

    JobSettings defaults = JobSettings.from(config, false);
    assertThat(defaults.jdbc().timeouts()).isEqualTo(JdbcTimeouts.DEFAULTS);
    assertThat(defaults.jdbcRetry()).isEqualTo(RetryPolicy.DEFAULTS);
    assertThat(defaults.jdbcRetry().maxDuration()).as("backpressure, no limit").isNull();

    config.setString("driftgate.jdbc.socket-timeout", "20 s");
    config.setString("driftgate.jdbc.retry.max-duration", "15 min");
    JobSettings tuned = JobSettings.from(config, false);
    assertThat(tuned.jdbc().resolve(name -> null).timeouts().socket())
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(tuned.jdbcRetry().maxDuration()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aLockTimeoutNotShorterThanTheSocketTimeoutIsRejected() {
    Configuration config = new Configuration();
    config.setString("driftgate.jdbc.url", "jdbc:postgresql://db/driftgate");
    config.setString("driftgate.jdbc.lock-timeout", "30 s");
    config.setString("driftgate.jdbc.retry.initial-backoff", "1 min");
    config.setString("driftgate.jdbc.retry.max-backoff", "1 s");

    assertThatThrownBy(() -> JobSettings.from(config, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driftgate.jdbc.lock-timeout: lock timeout PT30S must be shorter")
        .hasMessageContaining("driftgate.jdbc.retry.max-backoff: max backoff PT1S is shorter");
  }
}
