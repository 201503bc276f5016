package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.kafka.KafkaBroker;
import io.driftgate.kafka.KafkaSecurity;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brokers' {@code transaction.max.timeout.ms}, asked at submission: a broker that allows 10 min
 * refuses the 15 min driftgate derives by default, and the job says so before it touches the
 * database or submits anything.
 */
class BrokerTransactionLimitTest {

  @RegisterExtension
  static final KafkaBroker KAFKA = new KafkaBroker(Map.of("transaction.max.timeout.ms", "600000"));

  private final String jdbcUrl =
      "jdbc:h2:mem:broker-limit-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";

  @Test
  void aTimeoutAboveTheBrokersLimitIsRefusedBeforeTheSchemaIsMigrated() throws Exception {
    Configuration config = job(KAFKA.bootstrapServers());

    assertThatThrownBy(() -> DriftgateJob.prepare(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "driftgate.kafka.transaction-timeout is PT15M, above the brokers'"
                + " transaction.max.timeout.ms of PT10M")
        .hasMessageContaining(
            "set driftgate.kafka.transaction-timeout between PT5M5S"
                + " (driftgate.checkpoint.interval + driftgate.checkpoint.timeout) and PT10M");
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        ResultSet tables =
            db.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE LOWER(TABLE_NAME) = 'dataset_alias'")) {
      tables.next();
      assertThat(tables.getInt(1)).as("tables migrated").isZero();
    }
  }

  @Test
  void aTimeoutWithinTheLimitIsAccepted() {
    Configuration config = job(KAFKA.bootstrapServers());
    config.set(DriftgateOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(8));

    assertThat(
            BrokerTransactionLimit.lowestLimit(
                KAFKA.bootstrapServers(),
                KafkaSecurity.PLAINTEXT,
                Duration.ofSeconds(10),
                Duration.ofMinutes(8)))
        .contains(Duration.ofMinutes(10));
    assertThatCode(() -> BrokerTransactionLimit.check(JobSettings.from(config, true)))
        .doesNotThrowAnyException();
  }

  @Test
  void brokersThatCannotBeAskedInTimeLeaveTheJobToTheBrokersOwnCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Configuration config = job("127.0.0.1:" + closedPort);
    config.set(DriftgateOptions.BROKER_CHECK_TIMEOUT, Duration.ofSeconds(1));
    JobSettings settings = JobSettings.from(config, true);

    long started = System.nanoTime();
    assertThatCode(() -> BrokerTransactionLimit.check(settings)).doesNotThrowAnyException();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  private Configuration job(String bootstrapServers) {
    Configuration config = new Configuration();
    config.set(DriftgateOptions.BOOTSTRAP_SERVERS, bootstrapServers);
    config.set(DriftgateOptions.JDBC_URL, jdbcUrl);
    return config;
  }
}
