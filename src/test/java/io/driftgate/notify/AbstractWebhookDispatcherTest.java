package io.driftgate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.rollout.Decision;
import io.driftgate.sink.RetryPolicy;
import io.driftgate.store.HeldConnection;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.NotificationOutbox;
import io.driftgate.store.OutboxMessage;
import io.driftgate.store.OutboxRow;
import io.driftgate.store.OutboxStatus;
import io.driftgate.store.TestDatabases;
import io.driftgate.testing.ManualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's state transitions against a real outbox table, with a webhook that answers as
 * each test says and a clock the test moves: run once per database by a subclass.
 */
abstract class AbstractWebhookDispatcherTest {

  private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
  private static final String SECRET = "hook-secret";

  /** 1 s, doubling to at most 4 s; given up 10 s after the row was created. */
  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(10));

  @TempDir Path dir;

  private JdbcSettings db;
  private final ManualClock clock = new ManualClock(T0);
  private final ScriptedWebhook webhook = new ScriptedWebhook();
  private final Counts counts = new Counts();
  private NotificationSettings settings;
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();

  abstract JdbcSettings database();

  @BeforeEach
  void setUp() throws IOException {
    db = database();
    Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    settings =
        new NotificationSettings(
            List.of(WebhookSpecs.parse("ops=http://127.0.0.1:9/hook;secret-file=" + secret)),
            "docs/runbook.md",
            RETRY,
            Duration.ofSeconds(2),
            Duration.ofMillis(10));
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    for (WebhookDispatcher dispatcher : dispatchers) {
      dispatcher.close();
    }
    TestDatabases.release(db);
  }

  @Test
  void aWebhookAnswering500IsRetriedAfterTheBackoffAndDeliveredOnce() throws Exception {
    enqueue(Decisions.rollback());
    webhook.answers(500, 200);
    WebhookDispatcher dispatcher = dispatcher();

    dispatcher.dispatchDue();
    OutboxRow failed = onlyRow();
    assertThat(failed.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(failed.lastError()).isEqualTo("HTTP 500 from http://127.0.0.1:9/hook");

    dispatcher.dispatchDue();
    assertThat(webhook.requests).as("not due before its backoff").hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    assertThat(onlyRow().status()).isEqualTo(OutboxStatus.DELIVERED);
    assertThat(onlyRow().attempts()).isEqualTo(2);
    assertThat(webhook.requests).hasSize(2);
    assertThat(counts).hasToString("delivered 1, retried 1, gave up 0, unknown 0");
    assertThat(dispatcher.backlog()).isZero();
  }

  @Test
  void backoffDoublesUpToItsMaximumAndTheRowIsGivenUpAfterTheGiveUpTime() throws Exception {
    enqueue(Decisions.rollback());
    webhook.answers(503, 503, 503, 503, 503, 503);
    WebhookDispatcher dispatcher = dispatcher();

    List<Long> dueAfter = new ArrayList<>();
    for (int attempt = 1; attempt <= 4; attempt++) {
      dispatcher.dispatchDue();
      OutboxRow row = onlyRow();
      dueAfter.add(Duration.between(T0, row.nextAttemptAt()).toSeconds());
      clock.set(row.nextAttemptAt());
    }
    assertThat(dueAfter).as("1 s, then 2, 4, 4 (the maximum)").containsExactly(1L, 3L, 7L, 11L);

    dispatcher.dispatchDue();

    assertThat(onlyRow().status())
        .as("11 s after creation, past 10 s")
        .isEqualTo(OutboxStatus.GAVE_UP);
    assertThat(onlyRow().attempts()).isEqualTo(5);
    assertThat(counts).hasToString("delivered 0, retried 4, gave up 1, unknown 0");
    dispatcher.dispatchDue();
    assertThat(webhook.requests).hasSize(5);
  }

  @Test
  void aRefusedConnectionIsRetried() throws Exception {
    enqueue(Decisions.rollback());
    webhook.answers(new ConnectException("Connection refused"), 204);
    WebhookDispatcher dispatcher = dispatcher();

    dispatcher.dispatchDue();
    assertThat(onlyRow().status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(onlyRow().lastError()).contains("cannot connect").contains("Connection refused");

    clock.advance(Duration.ofSeconds(1));
    dispatcher.dispatchDue();
    assertThat(onlyRow().status()).isEqualTo(OutboxStatus.DELIVERED);
  }

  @Test
  void aTimeoutMayHaveArrivedSoTheRowIsUnknownAndNeverSentAgain() throws Exception {
    enqueue(Decisions.rollback());
    webhook.answers(new HttpTimeoutException("request timed out"), 200);
    WebhookDispatcher dispatcher = dispatcher();

    dispatcher.dispatchDue();
    clock.advance(Duration.ofMinutes(1));
    dispatcher.dispatchDue();

    assertThat(onlyRow().status()).isEqualTo(OutboxStatus.UNKNOWN);
    assertThat(onlyRow().lastError()).contains("no answer").contains("request timed out");
    assertThat(webhook.requests).hasSize(1);
    assertThat(counts).hasToString("delivered 0, retried 0, gave up 0, unknown 1");
  }

  @Test
  void rowsLeftSendingByADeadDispatcherBecomeUnknownAndAreNeverSentAgain() throws Exception {
    enqueue(Decisions.numbered(1));
    enqueue(Decisions.numbered(2));
    NotificationOutbox outbox = new NotificationOutbox(new HeldConnection(db));
    OutboxRow claimedByTheDead = outbox.due(T0, 1).get(0);
    assertThat(outbox.claim(claimedByTheDead)).isTrue();
    assertThat(outbox.claim(claimedByTheDead)).as("a row is claimed once").isFalse();
    webhook.answers(200, 200);

    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.recover();
    dispatcher.dispatchDue();
    clock.advance(Duration.ofHours(1));
    dispatcher.dispatchDue();

    assertThat(outbox.rows())
        .extracting(OutboxRow::decisionId, OutboxRow::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                claimedByTheDead.decisionId(), OutboxStatus.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple(
                Decisions.numbered(2).decisionId().toString(), OutboxStatus.DELIVERED));
    assertThat(webhook.requests)
        .extracting(r -> r.headers().get(WebhookSignature.DELIVERY_HEADER))
        .containsExactly(Decisions.numbered(2).decisionId().toString());
    assertThat(counts).hasToString("delivered 1, retried 0, gave up 0, unknown 1");
  }

  @Test
  void eachRequestIsSignedAtItsSendingTimeAndNamesItsDecision() throws Exception {
    String payload = enqueue(Decisions.rollback());
    webhook.answers(200);

    dispatcher().dispatchDue();

    Request request = webhook.requests.get(0);
    assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:9/hook"));
    assertThat(request.body()).isEqualTo(payload);
    assertThat(request.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry(WebhookSignature.TIMESTAMP_HEADER, Long.toString(T0.getEpochSecond()))
        .containsEntry(WebhookSignature.DELIVERY_HEADER, Decisions.ROLLBACK_ID.toString());
    assertThat(
            WebhookSignature.verify(
                SECRET,
                request.headers().get(WebhookSignature.TIMESTAMP_HEADER),
                request.body(),
                request.headers().get(WebhookSignature.SIGNATURE_HEADER)))
        .isTrue();
  }

  @Test
  void aDecisionIsEnqueuedOncePerWebhookHoweverOftenItIsWritten() throws Exception {
    NotificationOutbox outbox = new NotificationOutbox(new HeldConnection(db));
    OutboxMessage message = settings.messagesFor(Decisions.rollback()).get(0);

    assertThat(outbox.enqueue(message, T0)).isTrue();
    assertThat(outbox.enqueue(message, T0.plusSeconds(5))).isFalse();

    assertThat(outbox.rows()).hasSize(1);
    assertThat(outbox.rows().get(0).createdAt()).isEqualTo(T0);
  }

  @Test
  void closingLetsTheCallInFlightFinishAndRecordsItsOutcome() throws Exception {
    enqueue(Decisions.rollback());
    CountDownLatch posting = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(
            new HeldConnection(db),
            settings,
            (uri, headers, body, timeout) -> {
              posting.countDown();
              answer.await();
              return 200;
            },
            clock,
            counts);
    dispatcher.start();
    assertThat(posting.await(30, TimeUnit.SECONDS)).as("the dispatcher posts").isTrue();

    Thread closing = new Thread(() -> closeQuietly(dispatcher));
    closing.start();
    answer.countDown();
    closing.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(closing.isAlive()).as("close returned").isFalse();
    assertThat(onlyRow().status()).isEqualTo(OutboxStatus.DELIVERED);
    assertThat(counts).hasToString("delivered 1, retried 0, gave up 0, unknown 0");
  }

  private static void closeQuietly(WebhookDispatcher dispatcher) {
    try {
      dispatcher.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private WebhookDispatcher dispatcher() {
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(new HeldConnection(db), settings, webhook, clock, counts);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  /** Enqueues the decision for the webhook at the clock's time; returns its payload. */
  private String enqueue(Decision decision) throws SQLException {
    OutboxMessage message = settings.messagesFor(decision).get(0);
    new NotificationOutbox(new HeldConnection(db)).enqueue(message, clock.instant());
    return message.payload();
  }

  private OutboxRow onlyRow() throws SQLException {
    List<OutboxRow> rows = new NotificationOutbox(new HeldConnection(db)).rows();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  /** One request the webhook received. */
  record Request(URI uri, Map<String, String> headers, String body) {}

  /** Answers each request with the next scripted status or exception. */
  static final class ScriptedWebhook implements HttpSender {
    private final Deque<Object> script = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();

    void answers(Object... answers) {
      script.addAll(List.of(answers));
    }

    @Override
    public int post(URI uri, Map<String, String> headers, String body, Duration timeout)
        throws IOException {
      requests.add(new Request(uri, Map.copyOf(headers), body));
      Object answer = script.removeFirst();
      if (answer instanceof IOException e) {
        throw e;
      }
      return (Integer) answer;
    }
  }

  /** The dispatcher's counters. */
  static final class Counts implements DispatchMetrics {
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();

    @Override
    public void delivered() {
      delivered.incrementAndGet();
    }

    @Override
    public void retried() {
      retried.incrementAndGet();
    }

    @Override
    public void gaveUp() {
      gaveUp.incrementAndGet();
    }

    @Override
    public void unknown() {
      unknown.incrementAndGet();
    }

    @Override
    public String toString() {
      return String.format(
          "delivered %d, retried %d, gave up %d, unknown %d",
          delivered.get(), retried.get(), gaveUp.get(), unknown.get());
    }
  }
}
