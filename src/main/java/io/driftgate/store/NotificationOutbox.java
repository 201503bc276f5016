package io.driftgate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code notification_outbox} table: the job enqueues a decision's notifications, a dispatcher
 * claims, posts and settles them (docs/notifications.md). Enqueueing is idempotent — a row whose
 * (decision id, webhook) exists is left alone — so a checkpoint's decisions written again after a
 * failover, or a replay into the same database, notify nobody twice.
 *
 * <p>Every transition names the status it expects, so a row moves only from where its writer
 * believes it is: {@link #claim} takes a row only while it is {@link OutboxStatus#PENDING}, and an
 * outcome is recorded only on a row still {@link OutboxStatus#SENDING}.
 */
public final class NotificationOutbox {

  /** The longest {@code last_error} kept; the column's size. */
  static final int MAX_ERROR = 1024;

  private static final String COLUMNS =
      "decision_id, webhook, payload, status, attempts, created_at, next_attempt_at, last_error";

  private static final String EXISTS =
      "SELECT 1 FROM notification_outbox WHERE decision_id = ? AND webhook = ?";

  private static final String INSERT =
      "INSERT INTO notification_outbox (decision_id, webhook, dataset, kind, payload, status,"
          + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";

  private static final String DUE =
      "SELECT "
          + COLUMNS
          + " FROM notification_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?"
          + " ORDER BY next_attempt_at, created_at, decision_id, webhook";

  private static final String CLAIM =
      "UPDATE notification_outbox SET status = 'SENDING', attempts = attempts + 1"
          + " WHERE decision_id = ? AND webhook = ? AND status = 'PENDING'";

  private static final String SETTLE =
      "UPDATE notification_outbox SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
          + " delivered_at = ?, last_error = ? WHERE decision_id = ? AND webhook = ?"
          + " AND status = 'SENDING'";

  private static final String SENDING =
      "SELECT " + COLUMNS + " FROM notification_outbox WHERE status = 'SENDING'";

  private static final String ALL =
      "SELECT " + COLUMNS + " FROM notification_outbox ORDER BY created_at, decision_id, webhook";

  private static final String BACKLOG =
      "SELECT COUNT(*) FROM notification_outbox WHERE status IN ('PENDING', 'SENDING')";

  private final ConnectionSource connections;

  public NotificationOutbox(ConnectionSource connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * Adds {@code message} as {@link OutboxStatus#PENDING}, due at once, unless its row exists.
   *
   * @return whether a row was added
   */
  public boolean enqueue(OutboxMessage message, Instant now) throws SQLException {
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
            exists.setString(1, message.decisionId());
            exists.setString(2, message.webhook());
            try (ResultSet rows = exists.executeQuery()) {
              if (rows.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, message.decisionId());
            insert.setString(2, message.webhook());
            insert.setString(3, message.dataset());
            insert.setString(4, message.kind());
            insert.setString(5, message.payload());
            Columns.setInstant(insert, 6, now);
            Columns.setInstant(insert, 7, now);
            insert.executeUpdate();
          }
          return true;
        });
  }

  /** Up to {@code limit} pending rows due at {@code now}, the longest waiting first. */
  public List<OutboxRow> due(Instant now, int limit) throws SQLException {
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement due = connection.prepareStatement(DUE)) {
            due.setMaxRows(limit);
            Columns.setInstant(due, 1, now);
            return read(due);
          }
        });
  }

  /**
   * Takes a pending row for one attempt: {@link OutboxStatus#SENDING}, one more attempt, committed
   * before the caller posts it.
   *
   * @return false when the row is no longer pending (another dispatcher took it)
   */
  public boolean claim(OutboxRow row) throws SQLException {
    return Transactions.run(
            connections,
            connection -> {
              try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, row.decisionId());
                claim.setString(2, row.webhook());
                return claim.executeUpdate();
              }
            })
        == 1;
  }

  /** Records a 2xx answer to a claimed row. */
  public void delivered(OutboxRow row, Instant at) throws SQLException {
    settle(row, OutboxStatus.DELIVERED, null, at, null);
  }

  /** Puts a claimed row whose attempt failed back in line, due at {@code next}. */
  public void retryAt(OutboxRow row, Instant next, String error) throws SQLException {
    settle(row, OutboxStatus.PENDING, next, null, error);
  }

  /** Ends a claimed row that kept failing until its give-up time. */
  public void gaveUp(OutboxRow row, String error) throws SQLException {
    settle(row, OutboxStatus.GAVE_UP, null, null, error);
  }

  /** Ends a claimed row whose attempt was cut off before its answer: it may have arrived. */
  public void unknown(OutboxRow row, String error) throws SQLException {
    settle(row, OutboxStatus.UNKNOWN, null, null, error);
  }

  /**
   * Turns every {@link OutboxStatus#SENDING} row into {@link OutboxStatus#UNKNOWN}: called by a
   * dispatcher that starts, when no other is running, so those rows were claimed by one that died
   * before recording the answer.
   *
   * @return the rows as they were, for the caller to report
   */
  public List<OutboxRow> abandonSending(String error) throws SQLException {
    List<OutboxRow> abandoned =
        Transactions.run(
            connections,
            connection -> {
              try (PreparedStatement sending = connection.prepareStatement(SENDING)) {
                return read(sending);
              }
            });
    for (OutboxRow row : abandoned) {
      unknown(row, error);
    }
    return abandoned;
  }

  /** Rows not settled yet: pending or being sent. */
  public long backlog() throws SQLException {
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement count = connection.prepareStatement(BACKLOG);
              ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /** Every row, oldest first: for status reads and tests. */
  public List<OutboxRow> rows() throws SQLException {
    return Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement all = connection.prepareStatement(ALL)) {
            return read(all);
          }
        });
  }

  private void settle(
      OutboxRow row, OutboxStatus status, Instant next, Instant deliveredAt, String error)
      throws SQLException {
    Transactions.run(
        connections,
        connection -> {
          try (PreparedStatement settle = connection.prepareStatement(SETTLE)) {
            settle.setString(1, status.name());
            Columns.setInstant(settle, 2, next);
            Columns.setInstant(settle, 3, deliveredAt);
            settle.setString(4, error == null ? null : cut(error));
            settle.setString(5, row.decisionId());
            settle.setString(6, row.webhook());
            return settle.executeUpdate();
          }
        });
  }

  private static String cut(String error) {
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
  }

  private static List<OutboxRow> read(PreparedStatement query) throws SQLException {
    List<OutboxRow> rows = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.add(
            new OutboxRow(
                result.getString("decision_id"),
                result.getString("webhook"),
                result.getString("payload"),
                OutboxStatus.valueOf(result.getString("status")),
                result.getInt("attempts"),
                Columns.getInstant(result, "created_at"),
                Columns.getInstant(result, "next_attempt_at"),
                result.getString("last_error")));
      }
    }
    return rows;
  }
}
