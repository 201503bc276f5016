package io.driftgate.job;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which failure points of a chaos run have fired, and in which attempt. Static, because Flink
 * creates its operators anew on every restart while the MiniCluster runs them in this JVM: an
 * operator's own fields would forget that a point already failed, and the job would fail there
 * forever.
 *
 * <p>At most one point fires per attempt of the job, so that every injected failure is a restart of
 * its own rather than a second failure of a job that is already restarting.
 */
final class InjectedFailures {

  /** {@code run/kind/point} of every point fired, with the attempt it fired in. */
  private static final Map<String, Integer> FIRED = new ConcurrentHashMap<>();

  /** The attempt in which the last point of each run fired. */
  private static final Map<String, Integer> LAST_ATTEMPT = new ConcurrentHashMap<>();

  private InjectedFailures() {}

  static boolean fired(String run, String kind, String point) {
    return FIRED.containsKey(run + "/" + kind + "/" + point);
  }

  /**
   * Marks a point fired, unless it has fired or another point fired in this attempt or a later one;
   * true only for the caller that marked it, which then fails its task.
   */
  static synchronized boolean fire(String run, String kind, String point, int attempt) {
    if (attempt <= LAST_ATTEMPT.getOrDefault(run, -1) || fired(run, kind, point)) {
      return false;
    }
    FIRED.put(run + "/" + kind + "/" + point, attempt);
    LAST_ATTEMPT.put(run, attempt);
    return true;
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
