package io.driftgate.job;

import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.JdbcSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Everything a run of the job leaves behind that consumers read, in a form two runs can be compared
 * by: every row of driftgate's tables and every committed message of its output topics, as text.
 *
 * <p>Rows are read with {@code SELECT *}, so a column added by a later migration is compared too
 * unless it is named in {@link #EXCLUDED_COLUMNS}. Only these are left out:
 *
 * <ul>
 *   <li>{@code alias_history.applied_at}, {@code rollout_event.recorded_at} and {@code
 *       decision_id_reuse.detected_at}: the wall-clock time of the write ({@code DecisionStore}'s
 *       clock), different in every run by design;
 *   <li>{@code id} of {@code alias_history}, {@code rollout_event}, {@code drift_result} and {@code
 *       decision_id_reuse}: a surrogate key from an identity sequence. PostgreSQL sequences are not
 *       transactional, so a transaction rolled back by a killed connection, or a retry of one that
 *       found its row already there, uses up values; and writers of different sink subtasks
 *       interleave. Every row also has a natural key (decision id, the drift key), which is
 *       compared.
 * </ul>
 *
 * Everything dated by event time stays in: {@code decided_at}, {@code dataset_alias.updated_at} and
 * {@code cohort_routing.updated_at} (the decision's time), window bounds.
 *
 * <p>Topics are read {@code read_committed} to the last stable offset, each message as {@code
 * partition|key|value} in partition and offset order: a message lost, duplicated or reordered
 * within its partition shows. Offsets themselves are not compared; transaction markers take up
 * offsets, and a run with aborted transactions has more of them.
 */
record RunOutputs(Map<String, List<String>> tables, Map<String, List<String>> topics) {

  /** Tables in the order they are reported, each with the natural order of its rows. */
  static final Map<String, String> TABLES =
      orderedMap(
          "dataset_alias", "dataset",
          "alias_history", "dataset, decision_id",
          "rollout_event", "dataset, sequence, decision_id",
          "cohort_routing", "dataset",
          "drift_result", "dataset, candidate_version, baseline_version, window_end, gate",
          "decision_id_reuse", "decision_id, fingerprint");

  static final Set<String> EXCLUDED_COLUMNS =
      Set.of(
          "alias_history.id",
          "alias_history.applied_at",
          "rollout_event.id",
          "rollout_event.recorded_at",
          "drift_result.id",
          "decision_id_reuse.id",
          "decision_id_reuse.detected_at");

  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  /** Reads the tables of {@code db} and the output topics of {@code topics}. */
  static RunOutputs of(JdbcSettings db, KafkaBroker kafka, TestJobs.Topics topics)
      throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      tables.put(table.getKey(), rows(db, table.getKey(), table.getValue()));
    }
    Map<String, List<String>> messages = new LinkedHashMap<>();
    messages.put("rollout-events", messages(kafka, topics.events()));
    messages.put("drift-results", messages(kafka, topics.drift()));
    messages.put("routing", messages(kafka, topics.routing()));
    messages.put("dead-letters", messages(kafka, topics.deadLetters()));
    return new RunOutputs(tables, messages);
  }

  /** The rollout-events topic's messages. */
  List<String> decisionLog() {
    return topics.get("rollout-events");
  }

  /**
   * Every difference from {@code expected}, one line per table or topic that differs, naming the
   * rows missing (lost) and the rows extra (duplicated or different); empty if there is none.
   */
  List<String> differencesFrom(RunOutputs expected) {
    List<String> differences = new ArrayList<>();
    compare("table", expected.tables, tables, differences);
    compare("topic", expected.topics, topics, differences);
    return differences;
  }

  /** Sizes of every table and topic, for a report. */
  String sizes() {
    StringBuilder out = new StringBuilder();
    tables.forEach((name, rows) -> out.append(name).append('=').append(rows.size()).append(' '));
    topics.forEach((name, rows) -> out.append(name).append('=').append(rows.size()).append(' '));
    return out.toString().strip();
  }

  private static void compare(
      String what,
      Map<String, List<String>> expected,
      Map<String, List<String>> actual,
      List<String> differences) {
    for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
      List<String> want = entry.getValue();
      List<String> got = actual.get(entry.getKey());
      if (want.equals(got)) {
        continue;
      }
      List<String> missing = new ArrayList<>(want);
      got.forEach(missing::remove);
      List<String> extra = new ArrayList<>(got);
      want.forEach(extra::remove);
      differences.add(
          String.format(
              "%s %s: expected %d rows, got %d;%s%s%s",
              what,
              entry.getKey(),
              want.size(),
              got.size(),
              missing.isEmpty() ? "" : "\n  missing " + String.join("\n  missing ", missing),
              extra.isEmpty() ? "" : "\n  extra   " + String.join("\n  extra   ", extra),
              missing.isEmpty() && extra.isEmpty() ? " same rows in another order" : ""));
    }
  }

  private static List<String> rows(JdbcSettings db, String table, String orderBy)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          String column = meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT);
          if (EXCLUDED_COLUMNS.contains(table + "." + column)) {
            continue;
          }
          row.append(row.isEmpty() ? "" : ", ").append(column).append('=').append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static List<String> messages(KafkaBroker kafka, String topic) {
    List<String> messages = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.consumeAll(topic, TOPIC_TIMEOUT)) {
      messages.add(
          record.partition()
              + "|"
              + (record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
              + "|"
              + new String(record.value(), StandardCharsets.UTF_8));
    }
    return messages;
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
