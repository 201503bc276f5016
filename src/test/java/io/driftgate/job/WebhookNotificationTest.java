package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftgate.kafka.KafkaBroker;
import io.driftgate.notify.WebhookSignature;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's decision notifications through the real job — Kafka in and out, PostgreSQL, a webhook
 * on a loopback HTTP server that checks every request's signature: each decision the job records
 * reaches the webhook exactly once across a task failure, and a webhook answering 500 delays only
 * its notifications, never the decisions.
 *
 * <p>The jobs are unbounded, so their webhook dispatcher keeps running after the input is read; the
 * tests wait for what they expect, then cancel the job.
 */
class WebhookNotificationTest {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final String CONTRACTS = "src/test/resources/it-contracts";
  private static final long SEED = 20260311L;
  private static final String SECRET = "webhook-test-secret";
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @TempDir Path dir;

  private JdbcSettings db;
  private Webhook webhook;

  @BeforeEach
  void setUp() throws IOException {
    webhook = new Webhook();
  }

  @AfterEach
  void tearDown() {
    webhook.stop();
    TestDatabases.release(db);
  }

  @Test
  void eachDecisionReachesTheWebhookExactlyOnceAcrossATaskFailure() throws Exception {
    String run = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    ChaosEnds.Plan plan =
        new ChaosEnds.Plan(
            run, Set.of(), Set.of(), Set.of("decisions@4"), new FailingMap.Pace(2, 1));
    JobClient job = ChaosEnds.prepare(config(run), plan).executeAsync(run);
    try {
      await("a promotion and a rollback in rollout_event", this::bothRolloutsDecided);
      await("the injected task failure", () -> !InjectedFailures.firedByKind(run).isEmpty());
      await("every recorded decision delivered", this::everyRecordedDecisionDelivered);
    } finally {
      job.cancel().get();
    }

    assertDeliveredExactlyOnceWithValidSignatures();
  }

  @Test
  void aWebhookAnswering500DelaysOnlyItsNotifications() throws Exception {
    String run = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    webhook.failing.set(true);
    JobClient job =
        ChaosEnds.prepare(config(run), ChaosEnds.Plan.slowedDown(run, FailingMap.Pace.FULL_SPEED))
            .executeAsync(run);
    try {
      await("a promotion and a rollback in rollout_event", this::bothRolloutsDecided);
      await("the webhook refusing several attempts", () -> webhook.refused.get() >= 5);
      assertThat(webhook.accepted)
          .as("nothing accepted while the webhook answers 500, yet every decision is recorded")
          .isEmpty();
      assertThat(rows("SELECT COUNT(*) FROM notification_outbox WHERE status = 'DELIVERED'"))
          .containsExactly(List.of("0"));

      webhook.failing.set(false);
      await("every recorded decision delivered", this::everyRecordedDecisionDelivered);
    } finally {
      job.cancel().get();
    }

    assertDeliveredExactlyOnceWithValidSignatures();
  }

  private Configuration config(String run) throws Exception {
    TestJobs.Topics topics = new TestJobs.Topics(run);
    TwoRollouts.createInputs(KAFKA, topics);
    TwoRollouts.createOutputs(KAFKA, topics);
    TwoRollouts.produce(KAFKA, topics, SEED);
    db = TestDatabases.postgres();
    TwoRollouts.seedAlias(db);
    Path secret = Files.writeString(dir.resolve("hook-secret"), SECRET + "\n");

    Configuration config = TestJobs.config(KAFKA, db, topics, run, CONTRACTS, false, 2);
    config.set(
        DriftgateOptions.NOTIFY_WEBHOOKS,
        List.of("test=" + webhook.url() + ";secret-file=" + secret));
    config.set(DriftgateOptions.NOTIFY_POLL_INTERVAL, Duration.ofMillis(20));
    config.set(DriftgateOptions.NOTIFY_RETRY_INITIAL_BACKOFF, Duration.ofMillis(20));
    config.set(DriftgateOptions.NOTIFY_RETRY_MAX_BACKOFF, Duration.ofMillis(200));
    config.set(DriftgateOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(200));
    // Commands wait for event time, as in a bounded job, so that v3 starts after v2's promotion.
    config.set(DriftgateOptions.CONTROL_MAX_DELAY, Duration.ofHours(1));
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    return config;
  }

  private boolean bothRolloutsDecided() throws Exception {
    Set<String> kinds = new TreeSet<>();
    rows("SELECT kind FROM rollout_event").forEach(row -> kinds.add(row.get(0)));
    return kinds.containsAll(Set.of("PROMOTED", "ROLLED_BACK"));
  }

  /** Every decision in rollout_event has its outbox row, and every row is delivered. */
  private boolean everyRecordedDecisionDelivered() throws Exception {
    Set<String> recorded = column("SELECT decision_id FROM rollout_event");
    Set<String> delivered =
        column("SELECT decision_id FROM notification_outbox WHERE status = 'DELIVERED'");
    Set<String> outbox = column("SELECT decision_id FROM notification_outbox");
    return delivered.containsAll(recorded) && delivered.equals(outbox);
  }

  private void assertDeliveredExactlyOnceWithValidSignatures() throws Exception {
    assertThat(webhook.badSignatures.get()).as("requests with a bad signature").isZero();
    Set<String> delivered =
        column("SELECT decision_id FROM notification_outbox WHERE status = 'DELIVERED'");
    assertThat(delivered).containsAll(column("SELECT decision_id FROM rollout_event"));
    Map<String, Integer> accepted = new TreeMap<>(webhook.accepted);
    assertThat(accepted.keySet()).as("decisions the webhook accepted").isEqualTo(delivered);
    assertThat(accepted)
        .as("deliveries per decision id")
        .allSatisfy((id, n) -> assertThat(n).isOne());
    assertThat(column("SELECT status FROM notification_outbox"))
        .as("nothing given up or unknown; a decision recorded just before the cancel may wait")
        .isSubsetOf("DELIVERED", "PENDING");
  }

  private Set<String> column(String sql) throws Exception {
    Set<String> values = new TreeSet<>();
    rows(sql).forEach(row -> values.add(row.get(0)));
    return values;
  }

  private List<List<String>> rows(String sql) throws Exception {
    return TestDatabases.rows(db, sql);
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime() < deadline).as("%s within %s", what, PATIENCE).isTrue();
      Thread.sleep(100);
    }
  }

  /**
   * A webhook on a random loopback port: checks each request's signature, answers 500 while {@link
   * #failing}, else 200 and counts the delivery by its decision id.
   */
  private static final class Webhook {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    final Map<String, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;

    Webhook() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/hook", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
      String delivery = exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER);
      int status;
      if (!WebhookSignature.verify(SECRET, timestamp, body, signature)
          || !body.contains("\"decision_id\":\"" + delivery + "\"")) {
        badSignatures.incrementAndGet();
        status = 401;
      } else if (failing.get()) {
        refused.incrementAndGet();
        status = 500;
      } else {
        accepted.merge(delivery, 1, Integer::sum);
        status = 200;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    }

    void stop() {
      server.stop(0);
    }
  }
}
