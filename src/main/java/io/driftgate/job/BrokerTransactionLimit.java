package io.driftgate.job;

import static io.driftgate.job.DriftgateOptions.BROKER_CHECK_TIMEOUT;
import static io.driftgate.job.DriftgateOptions.TRANSACTION_TIMEOUT;

import io.driftgate.kafka.KafkaSecurity;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, at submission, a transaction timeout above the brokers' {@code
 * transaction.max.timeout.ms}. The brokers refuse it as well, but only once the sinks' writers
 * start and call {@code initTransactions} ("The transaction timeout is larger than the maximum
 * value allowed by the broker"), so the job would be running and restart on that error for as long
 * as its restart strategy lets it. Best effort: a submission that cannot ask the brokers in time
 * (unreachable, or without the right to describe the cluster's configuration) goes ahead with a
 * warning, so that Kafka's admin API never becomes a precondition of running the job.
 */
final class BrokerTransactionLimit {

  private static final String MAX_TIMEOUT = "transaction.max.timeout.ms";

  private static final Logger LOG = LoggerFactory.getLogger(BrokerTransactionLimit.class);

  private BrokerTransactionLimit() {}

  /**
   * @throws IllegalArgumentException if the sinks' transaction timeout is above some broker's limit
   */
  static void check(JobSettings settings) {
    JobSettings.Kafka kafka = settings.kafka();
    Duration wait = kafka.brokerCheckTimeout();
    if (wait.isZero()) {
      return;
    }
    Duration timeout = kafka.transactions().timeout();
    Optional<Duration> limit =
        lowestLimit(kafka.bootstrapServers(), kafka.security(), wait, timeout);
    if (limit.isPresent() && timeout.compareTo(limit.get()) > 0) {
      throw new IllegalArgumentException(
          "invalid driftgate configuration:\n  "
              + aboveLimit(timeout, limit.get(), settings.checkpoints()));
    }
  }

  /**
   * The lowest limit among the brokers; empty, with a warning that {@code timeout} goes unchecked,
   * if they cannot be asked in time.
   */
  static Optional<Duration> lowestLimit(
      String bootstrapServers, KafkaSecurity security, Duration wait, Duration timeout) {
    Throwable failure;
    try {
      return Optional.of(askBrokers(bootstrapServers, security, wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (TimeoutException | KafkaException e) {
      failure = e;
    }
    LOG.warn(
        "Could not read the brokers' {} within {} ({}); submitting anyway. Should {} ({}) exceed"
            + " it, the Kafka sinks will fail to start with \"The transaction timeout is larger"
            + " than the maximum value allowed by the broker\". Set {} to 0 s to skip this check.",
        MAX_TIMEOUT,
        wait,
        String.valueOf(failure),
        TRANSACTION_TIMEOUT.key(),
        timeout,
        BROKER_CHECK_TIMEOUT.key());
    return Optional.empty();
  }

  private static Duration askBrokers(String bootstrapServers, KafkaSecurity security, Duration wait)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + wait.toNanos();
    int waitMs = (int) Math.min(Integer.MAX_VALUE, wait.toMillis());
    Properties properties = new Properties();
    properties.putAll(security.clientProperties());
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, waitMs);
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, waitMs);
    Admin admin = Admin.create(properties);
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(waitMs))
              .nodes()
              .get(remaining(deadline), TimeUnit.NANOSECONDS);
      List<ConfigResource> brokers =
          nodes.stream()
              .map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString()))
              .toList();
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(brokers, new DescribeConfigsOptions().timeoutMs(waitMs))
              .all()
              .get(remaining(deadline), TimeUnit.NANOSECONDS);
      return configs.values().stream()
          .map(config -> config.get(MAX_TIMEOUT))
          .filter(Objects::nonNull)
          .map(ConfigEntry::value)
          .map(value -> Duration.ofMillis(Long.parseLong(value)))
          .min(Comparator.naturalOrder())
          .orElseThrow(() -> new KafkaException("no broker reported " + MAX_TIMEOUT));
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static String aboveLimit(Duration timeout, Duration limit, Checkpoints checkpoints) {
    Duration shortest = checkpoints.intervalPlusTimeout();
    String explicit =
        shortest.compareTo(limit) <= 0
            ? "; or set "
                + TRANSACTION_TIMEOUT.key()
                + " between "
                + shortest
                + " ("
                + checkpoints.intervalKey()
                + " + "
                + checkpoints.timeoutKey()
                + ") and "
                + limit
            : "";
    return TRANSACTION_TIMEOUT.key()
        + " is "
        + timeout
        + ", above the brokers' "
        + MAX_TIMEOUT
        + " of "
        + limit
        + ", so the Kafka sinks could not start. Raise "
        + MAX_TIMEOUT
        + " on the brokers; or shorten "
        + checkpoints.intervalKey()
        + " or "
        + checkpoints.timeoutKey()
        + ", from which the transaction timeout is derived unless set"
        + explicit
        + ".";
  }
}
