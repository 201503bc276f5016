package io.driftgate.job;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which failure points of a chaos run have fired. Static, because Flink creates its operators anew
 * on every restart while the MiniCluster runs them in this JVM: an operator's own fields would
 * forget that a point already failed, and the job would fail there forever.
 */
final class InjectedFailures {

  /** {@code run/kind/point} of every point fired, with the attempt it fired in. */
  private static final Map<String, Integer> FIRED = new ConcurrentHashMap<>();

  private InjectedFailures() {}

  /** Marks a point fired; true only for the first caller, which then fails its task. */
  static boolean fire(String run, String kind, String point, int attempt) {
    return FIRED.putIfAbsent(run + "/" + kind + "/" + point, attempt) == null;
  }

  /** How many points of {@code run} fired, by kind. */
  static Map<String, Integer> firedByKind(String run) {
    Map<String, Integer> byKind = new TreeMap<>();
    for (String key : FIRED.keySet()) {
      String[] parts = key.split("/", 3);
      if (parts[0].equals(run)) {
        byKind.merge(parts[1], 1, Integer::sum);
      }
    }
    return byKind;
  }

  /** The exception a failure point throws: an injected task failure, not a bug. */
  static final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
      super(message);
    }
  }
}
