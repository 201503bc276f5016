package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.JdbcTimeouts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

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
        .isEqualTo(Duration.ofSeconds(30).toMillis());
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
