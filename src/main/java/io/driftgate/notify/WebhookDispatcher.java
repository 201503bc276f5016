package io.driftgate.notify;

import io.driftgate.store.HeldConnection;
import io.driftgate.store.NotificationOutbox;
import io.driftgate.store.OutboxRow;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the outbox's due rows to their webhooks on a thread of its own, so a slow or failing
 * webhook never holds up a decision. Each row is claimed ({@code SENDING}, committed) before its
 * one HTTP call, and settled with the call's outcome: {@code DELIVERED} on a 2xx answer; back to
 * {@code PENDING}, with exponential backoff, when the webhook answered otherwise or could not be
 * reached ({@code GAVE_UP} once the give-up time has passed since the row was created); {@code
 * UNKNOWN} when the request may have arrived without an answer (a timeout, a connection lost
 * mid-way, the thread interrupted). No row is posted twice: delivery is at most once, and a row
 * whose outcome is lost is counted and logged rather than guessed.
 *
 * <p>One dispatcher runs per job. When it starts, rows still {@code SENDING} were claimed by one
 * that died before recording the answer (a killed process); they become {@code UNKNOWN}. {@link
 * #close} lets the call in flight finish within the HTTP timeout and records its outcome, so a task
 * failure or a cancel loses and repeats nothing.
 *
 * <p>A failing webhook is logged once when its outage starts and once when it ends, not per
 * attempt; a database that cannot be reached is waited for, likewise logged once.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Rows read per look at the outbox. */
  static final int BATCH = 32;

  /** How long {@link #close} waits beyond the HTTP timeout for the outcome to be recorded. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final HeldConnection connection;
  private final NotificationOutbox outbox;
  private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  private final HttpSender sender;
  private final NotificationSettings settings;
  private final Clock clock;
  private final DispatchMetrics metrics;

  /** Failed attempts per webhook in its current outage; absent while it answers. */
  private final Map<String, Integer> outages = new HashMap<>();

  private final Set<String> unconfigured = new HashSet<>();
  private final CountDownLatch stop = new CountDownLatch(1);

  /** A row sent whose outcome the database has not taken yet. */
  private Settlement unsettled;

  private volatile long backlog;
  private boolean databaseDown;
  private Thread thread;

  /**
   * @param connection the dispatcher's own connection, used by its thread only and closed with it
   */
  public WebhookDispatcher(
      HeldConnection connection,
      NotificationSettings settings,
      HttpSender sender,
      Clock clock,
      DispatchMetrics metrics) {
    this.connection = connection;
    this.outbox = new NotificationOutbox(connection);
    settings.webhooks().forEach(webhook -> webhooks.put(webhook.name(), webhook));
    this.settings = settings;
    this.sender = sender;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Starts the thread: first {@link #recover}, then a look at the outbox every poll interval. */
  public synchronized void start() {
    thread = new Thread(this::run, "driftgate-webhooks");
    thread.setDaemon(true);
    thread.start();
  }

  /** Rows pending or being sent, as of the last look at the outbox. */
  public long backlog() {
    return backlog;
  }

  /**
   * Turns the rows left {@code SENDING} by a dispatcher that died into {@code UNKNOWN}: they may
   * have arrived, and sending them again could deliver them twice.
   */
  void recover() throws SQLException {
    List<OutboxRow> abandoned =
        outbox.abandonSending(
            "the dispatcher that sent it stopped before recording the answer: it may or may not"
                + " have arrived");
    for (OutboxRow row : abandoned) {
      metrics.unknown();
      LOG.warn(
          "Notification of decision {} to webhook {} left SENDING by a dispatcher that stopped"
              + " without recording the answer: marked UNKNOWN, not sent again (attempt {})",
          row.decisionId(),
          row.webhook(),
          row.attempts());
    }
  }

  /**
   * One look at the outbox: records an outcome the database missed, then claims, posts and settles
   * each due row until none is due or the dispatcher is closing.
   *
   * @throws InterruptedException when interrupted while posting; the row is settled first
   */
  void dispatchDue() throws SQLException, InterruptedException {
    settleLeftOver();
    backlog = outbox.backlog();
    for (OutboxRow row : outbox.due(clock.instant(), BATCH)) {
      if (stop.getCount() == 0) {
        return;
      }
      Webhook webhook = webhooks.get(row.webhook());
      if (webhook == null) {
        if (unconfigured.add(row.webhook())) {
          LOG.warn(
              "Notifications for webhook {} wait in the outbox: no such webhook is configured",
              row.webhook());
        }
        continue;
      }
      if (!outbox.claim(row)) {
        continue;
      }
      unsettled = new Settlement(row, row.attempts() + 1, null);
      Outcome outcome;
      try {
        outcome = post(webhook, row);
      } catch (InterruptedException e) {
        unsettled = new Settlement(row, row.attempts() + 1, Outcome.ambiguous(e, "interrupted"));
        settleLeftOver();
        throw e;
      }
      unsettled = new Settlement(row, row.attempts() + 1, outcome);
      settleLeftOver();
    }
    backlog = outbox.backlog();
  }

  private Outcome post(Webhook webhook, OutboxRow row) throws InterruptedException {
    String secret;
    try {
      secret = webhook.secret().resolve();
    } catch (IllegalArgumentException e) {
      return Outcome.failed("cannot read the signing secret: " + e.getMessage());
    }
    if (secret.isEmpty()) {
      return Outcome.failed("the signing secret is empty");
    }
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(WebhookSignature.DELIVERY_HEADER, row.decisionId());
    headers.put(
        WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, row.payload()));
    try {
      int status = sender.post(webhook.uri(), headers, row.payload(), settings.httpTimeout());
      return status >= 200 && status < 300
          ? Outcome.DELIVERED
          : Outcome.failed("HTTP " + status + " from " + webhook.uri());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return Outcome.failed("cannot connect to " + webhook.uri() + ": " + e);
    } catch (IOException e) {
      return Outcome.ambiguous(e, "no answer from " + webhook.uri());
    }
  }

  /** Records the outcome of the last row sent, if the database has not taken it yet. */
  private void settleLeftOver() throws SQLException {
    Settlement settlement = unsettled;
    if (settlement == null || settlement.outcome() == null) {
      return;
    }
    OutboxRow row = settlement.row();
    Outcome outcome = settlement.outcome();
    Instant now = clock.instant();
    switch (outcome.result()) {
      case DELIVERED -> {
        outbox.delivered(row, now);
        metrics.delivered();
        Integer failures = outages.remove(row.webhook());
        if (failures != null) {
          LOG.info("Webhook {} answers again after {} failed attempts", row.webhook(), failures);
        }
      }
      case FAILED -> {
        if (settings.retry().allowsRetryAfter(Duration.between(row.createdAt(), now))) {
          outbox.retryAt(
              row, now.plus(settings.retry().backoff(settlement.attempt())), outcome.error());
          metrics.retried();
        } else {
          outbox.gaveUp(row, outcome.error());
          metrics.gaveUp();
          LOG.warn(
              "Gave up notifying webhook {} of decision {} after {} attempts: {}",
              row.webhook(),
              row.decisionId(),
              settlement.attempt(),
              outcome.error());
        }
        if (outages.merge(row.webhook(), 1, Integer::sum) == 1) {
          LOG.warn(
              "Webhook {} is failing ({}); its notifications are retried with backoff, and this is"
                  + " logged again when it answers",
              row.webhook(),
              outcome.error());
        }
      }
      case AMBIGUOUS -> {
        outbox.unknown(row, outcome.error());
        metrics.unknown();
        LOG.warn(
            "Notification of decision {} to webhook {} marked UNKNOWN, not sent again: {}",
            row.decisionId(),
            row.webhook(),
            outcome.error());
      }
    }
    unsettled = null;
  }

  private void run() {
    try {
      boolean recovered = false;
      while (stop.getCount() > 0) {
        try {
          if (!recovered) {
            recover();
            recovered = true;
          }
          dispatchDue();
          if (databaseDown) {
            databaseDown = false;
            LOG.info("The outbox can be read again");
          }
        } catch (SQLException e) {
          connection.discard();
          if (!databaseDown) {
            databaseDown = true;
            LOG.warn(
                "Cannot read or update notification_outbox (SQLState {}): {}; retrying every {}",
                e.getSQLState(),
                e.getMessage(),
                settings.pollInterval());
          }
        }
        stop.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("The webhook dispatcher stopped: notifications wait in the outbox", e);
    } finally {
      connection.discard();
    }
  }

  /**
   * Stops the thread: the call in flight finishes within the HTTP timeout and its outcome is
   * recorded; one still running after that is interrupted and recorded as {@code UNKNOWN}. A row
   * whose outcome cannot be recorded stays {@code SENDING}, which the next dispatcher reports as
   * {@code UNKNOWN}.
   */
  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running == null) {
      connection.discard();
      return;
    }
    running.join(settings.httpTimeout().plus(CLOSE_GRACE).toMillis());
    if (running.isAlive()) {
      running.interrupt();
      running.join(CLOSE_GRACE.toMillis());
    }
  }

  /** A claimed row, its attempt number and, once the call ended, its outcome. */
  private record Settlement(OutboxRow row, int attempt, Outcome outcome) {}

  /** How one HTTP call ended. */
  private record Outcome(Result result, String error) {

    static final Outcome DELIVERED = new Outcome(Result.DELIVERED, null);

    static Outcome failed(String error) {
      return new Outcome(Result.FAILED, error);
    }

    static Outcome ambiguous(Exception e, String what) {
      return new Outcome(Result.AMBIGUOUS, what + ": " + e);
    }
  }

  private enum Result {
    DELIVERED,
    FAILED,
    AMBIGUOUS
  }
}
