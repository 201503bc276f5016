package io.driftgate.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A YAML node that knows where it is and records, instead of throwing, what is wrong with it, so
 * the loader can report every problem of a file at once.
 *
 * <p>Typed getters return {@code null} both when the value is absent and when it is invalid; in the
 * second case they have already recorded the problem, so callers only fill in defaults.
 */
final class ContractNode {

  private final JsonNode node;
  private final String path;
  private final List<ContractProblem> problems;

  private ContractNode(JsonNode node, String path, List<ContractProblem> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  static ContractNode root(JsonNode node, List<ContractProblem> problems) {
    return new ContractNode(node, "", problems);
  }

  String path() {
    return path;
  }

  /** Absent from the file, or written without a value ({@code key:}). */
  boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  void problem(String problem) {
    problems.add(new ContractProblem(path, problem));
  }

  ContractNode get(String key) {
    JsonNode child = node.isObject() ? node.path(key) : MissingNode.getInstance();
    return new ContractNode(child, path.isEmpty() ? key : path + "." + key, problems);
  }

  /**
   * Like {@link #get} but records a problem when the key is absent. An absent parent records
   * nothing: its own absence is reported, or allowed, by whoever asked for it.
   */
  ContractNode require(String key) {
    ContractNode child = get(key);
    if (!node.isObject()) {
      return child;
    }
    if (child.node.isMissingNode()) {
      problem("missing required key '" + key + "'");
    } else if (child.node.isNull()) {
      problem("required key '" + key + "' has no value");
    }
    return child;
  }

  /** Whether this is a mapping; records a problem when it is present but something else. */
  boolean isMapping() {
    if (node.isObject()) {
      return true;
    }
    if (!isAbsent()) {
      wrongType("a mapping");
    }
    return false;
  }

  /** Whether this is a mapping, recording nothing when it is not. */
  boolean holdsMapping() {
    return node.isObject();
  }

  /** The keys of a mapping, in the order written; empty for anything else. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  /** Rejects keys outside {@code known}: our own blocks are closed so that typos cannot hide. */
  void rejectUnknownKeys(String... known) {
    rejectUnknownKeys(Arrays.asList(known));
  }

  /**
   * Records each key outside {@code known} at its own path, with the closest known key when one is
   * near enough to be a typo, else the keys allowed here.
   */
  void rejectUnknownKeys(List<String> known) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        get(key).problem(unknownKey(key, known));
      }
    }
  }

  private static String unknownKey(String key, List<String> known) {
    return ClosestKey.to(key, known)
        .map(closest -> "unknown key '" + key + "', did you mean '" + closest + "'?")
        .orElseGet(() -> "unknown key '" + key + "', expected one of: " + String.join(", ", known));
  }

  /** The elements of a sequence; empty when absent or not a sequence (recorded). */
  List<ContractNode> elements() {
    if (isAbsent()) {
      return List.of();
    }
    if (!node.isArray()) {
      wrongType("a sequence");
      return List.of();
    }
    List<ContractNode> elements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      elements.add(new ContractNode(node.get(i), path + "[" + i + "]", problems));
    }
    return elements;
  }

  String text() {
    if (isAbsent()) {
      return null;
    }
    if (!node.isTextual()) {
      wrongType("a string");
      return null;
    }
    return node.textValue();
  }

  /**
   * A string, or an integer taken as a string: {@code version: 2} is as good as {@code "2"}. Other
   * numbers are refused, because YAML has already turned {@code 1.10} into {@code 1.1}.
   */
  String scalarText() {
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      problem(
          "expected a string, got number " + node.asText() + "; quote it to keep it as written");
      return null;
    }
    return text();
  }

  Double number() {
    if (isAbsent()) {
      return null;
    }
    if (!node.isNumber()) {
      wrongType("a number");
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      problem("expected a finite number, got " + node.asText());
      return null;
    }
    return value;
  }

  /** The value as written, for numbers whose decimal places matter (exposures). */
  BigDecimal decimal() {
    return number() == null ? null : node.decimalValue();
  }

  Long integer() {
    if (isAbsent()) {
      return null;
    }
    if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
      wrongType("an integer");
      return null;
    }
    return node.asLong();
  }

  Boolean bool() {
    if (isAbsent()) {
      return null;
    }
    if (!node.isBoolean()) {
      wrongType("a boolean");
      return null;
    }
    return node.booleanValue();
  }

  boolean bool(boolean defaultValue) {
    Boolean value = bool();
    return value == null ? defaultValue : value;
  }

  /**
   * A number that may also be switched on at its default ({@code true}) or off ({@code false},
   * which gives {@code null}, as absence does).
   */
  Double numberOrSwitch(double whenOn) {
    if (node.isBoolean()) {
      return node.booleanValue() ? whenOn : null;
    }
    if (!isAbsent() && !node.isNumber()) {
      wrongType("a number, true or false");
      return null;
    }
    return number();
  }

  /** An ISO-8601 duration such as {@code PT15M}; negative durations are recorded as problems. */
  Duration duration() {
    String text = text();
    if (text == null) {
      return null;
    }
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      problem("invalid ISO-8601 duration '" + text + "', expected e.g. PT15M or PT1H30M");
      return null;
    }
    if (duration.isNegative()) {
      problem("duration " + text + " must not be negative");
      return null;
    }
    return duration;
  }

  /** One of an enum's constants, written in lower case as ODCS does, words joined by hyphens. */
  <E extends Enum<E>> E choice(Class<E> type) {
    String text = text();
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (spelling(constant).equals(text)) {
        return constant;
      }
    }
    problem(
        "unknown value '"
            + text
            + "', expected one of: "
            + Arrays.stream(type.getEnumConstants())
                .map(ContractNode::spelling)
                .collect(Collectors.joining(", ")));
    return null;
  }

  /** A number as an author would write it: {@code 10}, not {@code 10.0}. */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void wrongType(String expected) {
    problem("expected " + expected + ", got " + describe(node));
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "string '" + node.textValue() + "'";
    }
    if (node.isNumber()) {
      return "number " + node.asText();
    }
    if (node.isBoolean()) {
      return "boolean " + node.asText();
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a sequence";
    }
    return "null";
  }
}
