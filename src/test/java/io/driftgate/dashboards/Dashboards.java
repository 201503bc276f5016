package io.driftgate.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's Grafana dashboards and provisioning files, and every query in them: panel
 * targets, annotation queries and template variables, each with the datasource it runs on.
 */
final class Dashboards {

  static final Path DIR = Path.of("dashboards");
  static final Path DATASOURCES = DIR.resolve("provisioning/datasources/driftgate.yaml");
  static final Path PROVIDERS = DIR.resolve("provisioning/dashboards/driftgate.yaml");
  static final String PROMETHEUS = "prometheus";
  static final String POSTGRES = "grafana-postgresql-datasource";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One query: where it is, the datasource it names, its text and (for SQL) its format. */
  record Query(
      String dashboard,
      String where,
      String datasourceType,
      String datasourceUid,
      String text,
      String format) {
    boolean isPromQl() {
      return PROMETHEUS.equals(datasourceType);
    }

    boolean isSql() {
      return POSTGRES.equals(datasourceType);
    }

    @Override
    public String toString() {
      return dashboard + " / " + where;
    }
  }

  /** A template variable: its name, datasource and query (PromQL label_values or SQL). */
  record Variable(String dashboard, String name, String datasourceType, String query) {}

  private Dashboards() {}

  static List<Path> files() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /** Every panel of a dashboard, those nested in rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** The alert rules of {@code k8s/base/prometheusrule.yaml} (see docs/runbook.md). */
  static final Path ALERT_RULES = Path.of("k8s/base/prometheusrule.yaml");

  /** Every alert rule's expression. */
  static List<String> alertExpressions() {
    return alertRules().stream().map(rule -> rule.path("expr").asText()).toList();
  }

  /** Every alert rule: {@code alert}, {@code expr}, {@code for}, {@code labels}, ... */
  static List<JsonNode> alertRules() {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : yaml(ALERT_RULES).path("spec").path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }

  /** Every panel target and every non-built-in annotation query of every dashboard. */
  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      String name = file.getFileName().toString();
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          JsonNode ds =
              target.has("datasource") ? target.get("datasource") : panel.path("datasource");
          queries.add(
              query(
                  name,
                  "panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                  ds,
                  target));
        }
      }
      for (JsonNode annotation : dashboard.path("annotations").path("list")) {
        if (annotation.path("builtIn").asInt() == 1) {
          continue;
        }
        JsonNode target = annotation.path("target");
        JsonNode ds =
            target.has("datasource") ? target.get("datasource") : annotation.path("datasource");
        queries.add(
            query(name, "annotation \"" + annotation.path("name").asText() + "\"", ds, target));
      }
    }
    return queries;
  }

  private static Query query(String dashboard, String where, JsonNode ds, JsonNode target) {
    String type = ds.path("type").asText();
    String text =
        target.has("rawSql") ? target.get("rawSql").asText() : target.path("expr").asText();
    return new Query(
        dashboard, where, type, ds.path("uid").asText(), text, target.path("format").asText());
  }

  static List<Variable> variables() {
    List<Variable> variables = new ArrayList<>();
    for (Path file : files()) {
      for (JsonNode variable : read(file).path("templating").path("list")) {
        JsonNode query = variable.path("query");
        variables.add(
            new Variable(
                file.getFileName().toString(),
                variable.path("name").asText(),
                variable.path("datasource").path("type").asText(),
                query.isObject() ? query.path("query").asText() : query.asText()));
      }
    }
    return variables;
  }

  /** {@code label_values(selector, label)}: the selector and the label; null for other queries. */
  static String[] labelValues(String query) {
    String q = query.strip();
    if (!q.startsWith("label_values(") || !q.endsWith(")")) {
      return null;
    }
    String inner = q.substring("label_values(".length(), q.length() - 1);
    int comma = inner.lastIndexOf(',');
    return new String[] {inner.substring(0, comma).strip(), inner.substring(comma + 1).strip()};
  }
}
