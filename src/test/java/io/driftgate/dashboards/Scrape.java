package io.driftgate.dashboards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Metric families seen in Prometheus text-format scrapes: each metric name with the union of the
 * label names and values its series carried, and the largest value any of its samples had. Scrapes
 * are merged, so a metric seen once counts.
 */
final class Scrape {

  private final Map<String, Map<String, Set<String>>> labels = new TreeMap<>();
  private final Map<String, Double> maxValues = new TreeMap<>();
  private String last = "";

  /** Adds every sample line of one scrape (text exposition format 0.0.4). */
  void add(String text) {
    last = text;
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      addSample(line);
    }
  }

  private void addSample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, Set<String>> series = labels.computeIfAbsent(name, n -> new TreeMap<>());
    if (i >= line.length() || line.charAt(i) != '{') {
      addValue(name, line.substring(i));
      return;
    }
    i++;
    while (i < line.length() && line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String label = line.substring(i, eq).strip();
      int quote = line.indexOf('"', eq);
      StringBuilder value = new StringBuilder();
      int j = quote + 1;
      while (line.charAt(j) != '"') {
        if (line.charAt(j) == '\\') {
          j++;
          value.append(line.charAt(j) == 'n' ? '\n' : line.charAt(j));
        } else {
          value.append(line.charAt(j));
        }
        j++;
      }
      series.computeIfAbsent(label, l -> new TreeSet<>()).add(value.toString());
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    addValue(name, line.substring(i + 1));
  }

  /** {@code rest}: the sample's value, then maybe a timestamp. */
  private void addValue(String name, String rest) {
    String value = rest.strip().split("\\s+")[0];
    double parsed =
        switch (value) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(value);
        };
    if (!Double.isNaN(parsed)) {
      maxValues.merge(name, parsed, Math::max);
    }
  }

  /** The text of the latest scrape. */
  String last() {
    return last;
  }

  boolean has(String metric) {
    return labels.containsKey(metric);
  }

  Set<String> names() {
    return Collections.unmodifiableSet(labels.keySet());
  }

  /** Label names of {@code metric}'s series, empty when the metric was not seen. */
  Set<String> labelNames(String metric) {
    return labels.getOrDefault(metric, Map.of()).keySet();
  }

  /** Values {@code label} took on {@code metric}'s series. */
  Set<String> labelValues(String metric, String label) {
    return labels.getOrDefault(metric, Map.of()).getOrDefault(label, Set.of());
  }

  /** The largest value a sample of {@code metric} had, NaN when none had a number. */
  double maxValue(String metric) {
    return maxValues.getOrDefault(metric, Double.NaN);
  }

  /** The driftgate metrics only, with their label names: for messages and docs. */
  Map<String, Set<String>> driftgate() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    labels.forEach(
        (name, byLabel) -> {
          if (name.contains("_driftgate_")) {
            out.put(name, byLabel.keySet());
          }
        });
    return out;
  }
}
