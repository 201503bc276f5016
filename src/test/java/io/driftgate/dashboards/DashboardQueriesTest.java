package io.driftgate.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.kafka.KafkaBroker;
import io.driftgate.store.DecisionStore;
import io.driftgate.store.JdbcSettings;
import io.driftgate.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every dashboard query against what the job really produces: one run of the real job (Kafka,
 * PostgreSQL, a MiniCluster with the Prometheus reporter) through a rollout that is rolled back,
 * with an outcome gate and consumers' outcomes, scraped while it runs. PromQL metric and label
 * names must exist in the scrape; SQL queries, their Grafana macros and variables replaced, must
 * run on the migrated schema and return rows.
 */
class DashboardQueriesTest {

  private static final int PORT = ScrapedJob.freePort();

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(ScrapedJob.reporter(PORT))
              .build());

  private static final String PREFIX = "flink_taskmanager_job_task_operator_driftgate_dataset_";
  private static final String BREACH = PREFIX + "gate_breach";
  private static final String OUTCOME_GATE = "outcome:" + ScrapedJob.METRIC;

  private static final String OUTCOME_ROWS_WITH_MEANS =
      "SELECT count(*) FROM drift_result WHERE gate = '"
          + OUTCOME_GATE
          + "' AND candidate_mean IS NOT NULL AND baseline_mean IS NOT NULL";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

  private static JdbcSettings db;
  private static Scrape scrape;

  /**
   * Once, before the first test: not in {@code @BeforeAll}, where the MiniCluster extension has not
   * yet installed its execution environment and the job would run on a cluster of its own, without
   * the reporter.
   */
  @BeforeEach
  void runTheJobOnce() throws Exception {
    if (scrape != null) {
      return;
    }
    db = TestDatabases.postgres();
    new DecisionStore(db).ensureAlias(ScrapedJob.DATASET, ScrapedJob.BASELINE, ScrapedJob.T0);
    Set<String> wanted = new HashSet<>();
    for (Dashboards.Query query : Dashboards.queries()) {
      if (query.isPromQl()) {
        wanted.addAll(PromQl.parse(query.text()).metrics());
      }
    }
    scrape =
        ScrapedJob.run(
            KAFKA,
            db,
            PORT,
            Duration.ofSeconds(90),
            seen ->
                seen.names().containsAll(wanted)
                    && count("SELECT count(*) FROM rollout_event WHERE kind = 'ROLLED_BACK'") > 0
                    && count("SELECT count(*) FROM drift_result WHERE verdict = 'BREACH'") > 0
                    && count("SELECT count(*) FROM alias_history") > 0
                    && count(OUTCOME_ROWS_WITH_MEANS) > 0
                    && seen.labelValues(BREACH, "gate").contains(OUTCOME_GATE));
  }

  @AfterAll
  static void dropTheSchema() {
    TestDatabases.release(db);
  }

  @Test
  void everyMetricOfEveryExpressionIsInTheScrape() {
    List<String> missing = new ArrayList<>();
    int expressions = 0;
    for (Dashboards.Query query : Dashboards.queries()) {
      if (!query.isPromQl()) {
        continue;
      }
      expressions++;
      PromQl parsed = PromQl.parse(query.text());
      assertThat(parsed.metrics()).as(query + " names a metric").isNotEmpty();
      for (String metric : parsed.metrics()) {
        if (!scrape.has(metric)) {
          missing.add(query + ": " + metric);
        }
      }
    }
    assertThat(expressions).isGreaterThan(20);
    for (String alert : Dashboards.alertExpressions()) {
      for (String metric : PromQl.parse(alert).metrics()) {
        if (!scrape.has(metric)) {
          missing.add("alert rule " + alert + ": " + metric);
        }
      }
    }
    assertThat(missing)
        .as("metrics not in the scrape; driftgate metrics seen: %s", scrape.driftgate())
        .isEmpty();
  }

  /**
   * The outcome panels and alerts plot series the job really has: the outcome gate's gauges, and
   * the per-dataset outcome counters with each kind of outcome the consumers reported.
   */
  @Test
  void theOutcomeSeriesCarryTheGateAndEveryKindOfOutcome() {
    for (String gauge : List.of("gate_breach", "gate_p_value", "gate_statistic")) {
      assertThat(scrape.labelValues(PREFIX + gauge, "gate")).as(gauge).contains(OUTCOME_GATE);
    }
    for (String counter :
        List.of("outcomes_counted", "outcomes_unjudged", "outcome_version_mismatches")) {
      assertThat(scrape.labelValues(PREFIX + counter, "dataset"))
          .as(counter)
          .containsExactly("it_features");
      assertThat(scrape.maxValue(PREFIX + counter)).as(counter).isPositive();
    }
    assertThat(scrape.labelValues(PREFIX + "reason_outcomes_uncounted", "reason"))
        .isNotEmpty()
        .isSubsetOf("NO_ROLLOUT", "BEFORE_ROLLOUT", "EXPIRED", "NOT_EXPOSED_YET", "SETTLING");
    assertThat(count(OUTCOME_ROWS_WITH_MEANS)).isPositive();
  }

  @Test
  void everyLabelAnExpressionUsesIsOnItsSeries() {
    List<String> missing = new ArrayList<>();
    for (Dashboards.Query query : Dashboards.queries()) {
      if (!query.isPromQl()) {
        continue;
      }
      PromQl parsed = PromQl.parse(query.text());
      Set<String> available = new HashSet<>();
      for (String metric : parsed.metrics()) {
        available.addAll(scrape.labelNames(metric));
        for (String label : parsed.selectorLabels(metric)) {
          if (!scrape.labelNames(metric).contains(label)) {
            missing.add(query + ": " + metric + " has no label " + label);
          }
        }
      }
      for (String label : parsed.groupingLabels()) {
        if (!available.contains(label)) {
          missing.add(query + ": no series has the grouping label " + label);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyPrometheusVariableListsValuesOfTheScrape() {
    int checked = 0;
    for (Dashboards.Variable variable : Dashboards.variables()) {
      if (!variable.datasourceType().equals(Dashboards.PROMETHEUS)) {
        continue;
      }
      String[] selectorAndLabel = Dashboards.labelValues(variable.query());
      assertThat(selectorAndLabel).as(variable + " is label_values(metric, label)").isNotNull();
      PromQl selector = PromQl.parse(selectorAndLabel[0]);
      assertThat(selector.metrics()).as(variable.toString()).hasSize(1);
      String metric = selector.metrics().iterator().next();
      assertThat(scrape.labelValues(metric, selectorAndLabel[1]))
          .as("%s: values of %s on %s", variable, selectorAndLabel[1], metric)
          .isNotEmpty();
      for (String label : selector.selectorLabels(metric)) {
        assertThat(scrape.labelNames(metric)).as(variable.toString()).contains(label);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(5);
    // Prometheus label values are the dataset name with characters outside [a-zA-Z0-9:_] as _.
    assertThat(
            scrape.labelValues(
                "flink_taskmanager_job_task_operator_driftgate_dataset_stage", "dataset"))
        .containsExactly("it_features");
  }

  @Test
  void everySqlQueryRunsOnTheSchemaAndReturnsRows() throws Exception {
    Map<String, String> sqlVariables = sqlVariableValues();
    int checked = 0;
    for (Dashboards.Query query : Dashboards.queries()) {
      if (!query.isSql()) {
        continue;
      }
      String sql = substitute(query.text(), sqlVariables.getOrDefault(query.dashboard(), ""));
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        Set<String> columns = new HashSet<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          columns.add(meta.getColumnLabel(c));
        }
        assertThat(rs.next()).as("%s returns rows:%n%s", query, sql).isTrue();
        if (query.format().equals("time_series") || query.where().startsWith("annotation")) {
          assertThat(columns).as(query + " has a time column").contains("time");
        }
        if (query.where().startsWith("annotation")) {
          assertThat(columns).as(query.toString()).contains("text", "tags");
        }
      } catch (java.sql.SQLException e) {
        throw new AssertionError(query + " fails: " + e.getMessage() + "\n" + sql, e);
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  /** The first value of each dashboard's SQL variable (all are called {@code dataset}). */
  private static Map<String, String> sqlVariableValues() throws Exception {
    Map<String, String> values = new HashMap<>();
    for (Dashboards.Variable variable : Dashboards.variables()) {
      if (!variable.datasourceType().equals(Dashboards.POSTGRES)) {
        continue;
      }
      assertThat(variable.name()).isEqualTo("dataset");
      try (Connection connection = db.connect();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(variable.query())) {
        assertThat(rs.next()).as(variable + " lists values").isTrue();
        values.put(variable.dashboard(), rs.getString(1));
      }
    }
    return values;
  }

  /**
   * What Grafana sends for a dashboard time range of the last hour: {@code $__timeFilter(col)},
   * {@code $__timeFrom()} and {@code $__timeTo()} as SQL, {@code $dataset} as its value.
   */
  static String substitute(String sql, String dataset) {
    String out =
        sql.replaceAll(
                "\\$__timeFilter\\(([^)]+)\\)", "$1 BETWEEN now() - interval '1 hour' AND now()")
            .replace("$__timeFrom()", "(now() - interval '1 hour')")
            .replace("$__timeTo()", "now()");
    Matcher m = VARIABLE.matcher(out);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      assertThat(name).as("an unknown variable or macro in " + sql).isEqualTo("dataset");
      m.appendReplacement(result, Matcher.quoteReplacement(dataset));
    }
    m.appendTail(result);
    return result.toString();
  }

  private static long count(String sql) {
    return ScrapedJob.count(db, sql);
  }
}
