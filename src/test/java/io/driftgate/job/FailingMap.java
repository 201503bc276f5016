package io.driftgate.job;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes elements through unchanged, failing its task the first time it sees an element at one of
 * its failure points (a record's origin, a command's id, a decision's id), and optionally slowing
 * the stream down so that checkpoints complete between failures. A point fails once in the whole
 * run ({@link InjectedFailures}): after the restart the element is replayed from the last
 * checkpoint and passes.
 */
final class FailingMap<T> extends RichMapFunction<T, T> {

  private static final long serialVersionUID = 1L;

  /** Names an element's failure point. */
  @FunctionalInterface
  interface PointOf<T> extends Function<T, String>, Serializable {}

  private final String run;
  private final String kind;
  private final HashSet<String> points;
  private final PointOf<T> pointOf;
  private final Pace pace;

  /** Elements this instance has seen: in this attempt, since Flink re-creates it on restart. */
  private transient long seen;

  /** Sleep {@code millis} after every {@code every} elements; {@code every} 0 never sleeps. */
  record Pace(int every, long millis) implements Serializable {
    static final Pace FULL_SPEED = new Pace(0, 0);
  }

  /**
   * @param run the chaos run, so that runs in one JVM never share fired points
   * @param kind what the points name, e.g. {@code record}
   */
  FailingMap(String run, String kind, Set<String> points, PointOf<T> pointOf, Pace pace) {
    this.run = run;
    this.kind = kind;
    this.points = new HashSet<>(points);
    this.pointOf = pointOf;
    this.pace = pace;
  }

  @Override
  public T map(T element) throws Exception {
    if (!points.isEmpty()) {
      String point = pointOf.apply(element);
      int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
      if (points.contains(point) && InjectedFailures.fire(run, kind, point, attempt)) {
        throw new InjectedFailures.InjectedFailure(
            "injected failure at " + kind + " " + point + " in attempt " + attempt);
      }
    }
    if (pace.every() > 0 && ++seen % pace.every() == 0) {
      Thread.sleep(pace.millis());
    }
    return element;
  }
}
