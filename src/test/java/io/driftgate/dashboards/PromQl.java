package io.driftgate.dashboards;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the metric names and label names out of a PromQL expression as Grafana stores it, without
 * evaluating it: enough to check a dashboard against a scrape. Grafana variables ({@code $x},
 * {@code ${x}}, {@code [$__rate_interval]}) are skipped; an identifier called like a function that
 * is not a PromQL function is an error, so a typo is never mistaken for a metric.
 */
final class PromQl {

  /** PromQL's functions (Prometheus 2.x and 3.x) and Grafana's {@code label_values}. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "abs",
          "absent",
          "absent_over_time",
          "acos",
          "acosh",
          "asin",
          "asinh",
          "atan",
          "atanh",
          "avg_over_time",
          "ceil",
          "changes",
          "clamp",
          "clamp_max",
          "clamp_min",
          "cos",
          "cosh",
          "count_over_time",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "deg",
          "delta",
          "deriv",
          "exp",
          "floor",
          "histogram_avg",
          "histogram_count",
          "histogram_fraction",
          "histogram_quantile",
          "histogram_stddev",
          "histogram_stdvar",
          "histogram_sum",
          "holt_winters",
          "double_exponential_smoothing",
          "hour",
          "idelta",
          "increase",
          "irate",
          "label_join",
          "label_replace",
          "last_over_time",
          "ln",
          "log10",
          "log2",
          "mad_over_time",
          "max_over_time",
          "min_over_time",
          "minute",
          "month",
          "pi",
          "predict_linear",
          "present_over_time",
          "quantile_over_time",
          "rad",
          "rate",
          "resets",
          "round",
          "scalar",
          "sgn",
          "sin",
          "sinh",
          "sort",
          "sort_by_label",
          "sort_by_label_desc",
          "sort_desc",
          "sqrt",
          "stddev_over_time",
          "stdvar_over_time",
          "sum_over_time",
          "tan",
          "tanh",
          "time",
          "timestamp",
          "vector",
          "year",
          "label_values");

  /** Aggregation operators: may be followed by a modifier before their parenthesis. */
  static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");

  /** Words that take a parenthesised list of label names. */
  static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  /** Other keywords and literals that are not metric names. */
  static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");

  /** Metric names with the label names their selectors match on, in order of appearance. */
  private final Map<String, Set<String>> selectors = new LinkedHashMap<>();

  /** Label names of {@code by}, {@code without}, {@code on}, ... clauses. */
  private final Set<String> groupingLabels = new LinkedHashSet<>();

  private final String expr;
  private int pos;

  private PromQl(String expr) {
    this.expr = expr;
  }

  /** Parses {@code expr}; throws {@link IllegalArgumentException} naming what it cannot read. */
  static PromQl parse(String expr) {
    PromQl parsed = new PromQl(expr);
    parsed.scan();
    return parsed;
  }

  /** Metric names (selectors such as {@code up}, {@code up{job="x"}}, {@code up[5m]}). */
  Set<String> metrics() {
    return selectors.keySet();
  }

  /** Label names matched on in {@code metric}'s selectors. */
  Set<String> selectorLabels(String metric) {
    return selectors.getOrDefault(metric, Set.of());
  }

  Set<String> groupingLabels() {
    return groupingLabels;
  }

  private void scan() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (Character.isWhitespace(c) || "+-*/%^=!<>,()".indexOf(c) >= 0) {
        pos++;
      } else if (c == '"' || c == '\'' || c == '`') {
        skipString();
      } else if (c == '[') {
        skipPast(']');
      } else if (c == '$') {
        skipVariable();
      } else if (c == '{') {
        matchers(null); // a selector without a name: {__name__=~"..."}
      } else if (Character.isDigit(c) || c == '.') {
        skipNumber();
      } else if (isIdentifierStart(c)) {
        identifier();
      } else if (c == '@') {
        pos++;
      } else {
        throw error("unexpected '" + c + "'");
      }
    }
  }

  private void identifier() {
    String word = readIdentifier();
    int after = skipSpaces(pos);
    char next = after < expr.length() ? expr.charAt(after) : 0;
    if (LABEL_LISTS.contains(word)) {
      if (next == '(') {
        pos = after + 1;
        labelList();
      }
    } else if (AGGREGATIONS.contains(word) || KEYWORDS.contains(word)) {
      // its argument list (or the modifier before it) is scanned like any other part
    } else if (next == '(') {
      if (!FUNCTIONS.contains(word)) {
        throw error("unknown function " + word);
      }
    } else {
      Set<String> labels = selectors.computeIfAbsent(word, w -> new LinkedHashSet<>());
      if (next == '{') {
        pos = after;
        labels.addAll(matchers(word));
      }
    }
  }

  /** Reads {@code {a="x", b=~"y"}} at pos; returns the label names. */
  private Set<String> matchers(String metric) {
    Set<String> labels = new LinkedHashSet<>();
    pos++; // {
    while (true) {
      pos = skipSpaces(pos);
      if (pos >= expr.length()) {
        throw error("unclosed selector of " + metric);
      }
      char c = expr.charAt(pos);
      if (c == '}') {
        pos++;
        return labels;
      } else if (c == ',') {
        pos++;
      } else if (isIdentifierStart(c)) {
        String label = readIdentifier();
        pos = skipSpaces(pos);
        if (!expr.startsWith("=~", pos)
            && !expr.startsWith("!~", pos)
            && !expr.startsWith("!=", pos)
            && !expr.startsWith("=", pos)) {
          throw error("no matcher after label " + label);
        }
        pos += expr.charAt(pos + 1) == '~' || expr.charAt(pos) == '!' ? 2 : 1;
        pos = skipSpaces(pos);
        if (pos >= expr.length() || "\"'`".indexOf(expr.charAt(pos)) < 0) {
          throw error("label " + label + " is not matched against a string");
        }
        skipString();
        if (!label.equals("__name__")) {
          labels.add(label);
        }
      } else {
        throw error("unexpected '" + c + "' in a selector");
      }
    }
  }

  private void labelList() {
    while (true) {
      pos = skipSpaces(pos);
      if (pos >= expr.length()) {
        throw error("unclosed label list");
      }
      char c = expr.charAt(pos);
      if (c == ')') {
        pos++;
        return;
      } else if (c == ',') {
        pos++;
      } else if (isIdentifierStart(c)) {
        groupingLabels.add(readIdentifier());
      } else {
        throw error("unexpected '" + c + "' in a label list");
      }
    }
  }

  private String readIdentifier() {
    int start = pos;
    while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
      pos++;
    }
    return expr.substring(start, pos);
  }

  /** A number or a duration: 1, 0.5, 1e-3, 0x1F, 5m, 1h30m. */
  private void skipNumber() {
    while (pos < expr.length()
        && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
      char c = expr.charAt(pos++);
      if ((c == 'e' || c == 'E')
          && pos < expr.length()
          && (expr.charAt(pos) == '+' || expr.charAt(pos) == '-')) {
        pos++;
      }
    }
  }

  private void skipVariable() {
    pos++;
    if (pos < expr.length() && expr.charAt(pos) == '{') {
      skipPast('}');
    } else {
      readIdentifier();
    }
  }

  private void skipString() {
    char quote = expr.charAt(pos++);
    while (pos < expr.length() && expr.charAt(pos) != quote) {
      if (expr.charAt(pos) == '\\' && quote != '`') {
        pos++;
      }
      pos++;
    }
    if (pos >= expr.length()) {
      throw error("unclosed string");
    }
    pos++;
  }

  private void skipPast(char close) {
    int end = expr.indexOf(close, pos);
    if (end < 0) {
      throw error("no closing '" + close + "'");
    }
    pos = end + 1;
  }

  private int skipSpaces(int from) {
    while (from < expr.length() && Character.isWhitespace(expr.charAt(from))) {
      from++;
    }
    return from;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || Character.isDigit(c);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + pos + " of: " + expr);
  }
}
