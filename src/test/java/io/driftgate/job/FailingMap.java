package io.driftgate.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes elements through unchanged, failing its task at its failure points, and optionally slowing
 * the stream down so that checkpoints complete between failures.
 *
 * <p>A point is a position in a lane, {@code lane@position}: an offset in a Kafka partition, a
 * decision's sequence. It fires at the first element of its lane at or after its position, in an
 * attempt in which no other point has fired ({@link InjectedFailures}), and only once in the whole
 * run: after the restart, the element is replayed from the last checkpoint and passes. So every
 * point fires, each in an attempt of its own, unless its lane ends first.
 */
final class FailingMap<T> extends RichMapFunction<T, T> {

  private static final long serialVersionUID = 1L;

  /** Names an element's lane and position: {@code lane@position}. */
  @FunctionalInterface
  interface PositionOf<T> extends Serializable {
    String of(T element);
  }

  /** Sleep {@code millis} after every {@code every} elements; {@code every} 0 never sleeps. */
  record Pace(int every, long millis) implements Serializable {
    static final Pace FULL_SPEED = new Pace(0, 0);
  }

  private final String run;
  private final String kind;
  private final HashMap<String, List<Long>> points = new HashMap<>();
  private final PositionOf<T> positionOf;
  private final Pace pace;

  /** Elements this instance has seen: in this attempt, since Flink re-creates it on restart. */
  private transient long seen;

  /**
   * @param run the chaos run, so that runs in one JVM never share fired points
   * @param kind what the points are, e.g. {@code record}
   * @param points {@code lane@position} each
   */
  FailingMap(String run, String kind, Set<String> points, PositionOf<T> positionOf, Pace pace) {
    this.run = run;
    this.kind = kind;
    for (String point : points) {
      int at = point.lastIndexOf('@');
      this.points
          .computeIfAbsent(point.substring(0, at), lane -> new ArrayList<>())
          .add(Long.parseLong(point.substring(at + 1)));
    }
    this.points.values().forEach(positions -> positions.sort(null));
    this.positionOf = positionOf;
    this.pace = pace;
  }

  @Override
  public T map(T element) throws Exception {
    if (!points.isEmpty()) {
      failIfAtAPoint(positionOf.of(element));
    }
    if (pace.every() > 0 && ++seen % pace.every() == 0) {
      Thread.sleep(pace.millis());
    }
    return element;
  }

  private void failIfAtAPoint(String where) {
    int at = where.lastIndexOf('@');
    List<Long> positions = points.get(where.substring(0, at));
    if (positions == null) {
      return;
    }
    long position = Long.parseLong(where.substring(at + 1));
    for (long candidate : positions) {
      if (candidate > position) {
        return;
      }
      String point = where.substring(0, at) + "@" + candidate;
      if (!InjectedFailures.fired(run, kind, point)) {
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        if (InjectedFailures.fire(run, kind, point, attempt)) {
          throw new InjectedFailures.InjectedFailure(
              "injected failure at "
                  + kind
                  + " "
                  + point
                  + " (element "
                  + where
                  + ") in attempt "
                  + attempt);
        }
        return;
      }
    }
  }
}
