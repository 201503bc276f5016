package io.driftgate.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded-out-of-orderness watermarks that ignore inputs without an event time (rejected records,
 * bad commands): a garbage record must not move event time, or it could close windows early.
 */
public final class EventTimeWatermarks {

  private EventTimeWatermarks() {}

  /**
   * @param eventTime the element's event time, {@code Long.MIN_VALUE} for none
   */
  public static <T> WatermarkStrategy<T> strategy(
      SerializableEventTime<T> eventTime, Duration outOfOrderness, Duration idleness) {
    long bound = outOfOrderness.toMillis();
    WatermarkStrategy<T> strategy =
        WatermarkStrategy.<T>forGenerator(ctx -> new Generator<>(bound, eventTime))
            .withTimestampAssigner(
                (element, kafkaTimestamp) -> {
                  long time = eventTime.applyAsLong(element);
                  return time == Long.MIN_VALUE ? kafkaTimestamp : time;
                });
    return idleness == null ? strategy : strategy.withIdleness(idleness);
  }

  /**
   * Event-time timestamps and no hold on event time: the source declares itself idle at every
   * periodic emit, so downstream watermarks follow the other inputs alone. For the control topic of
   * an unbounded job: its commands are ordered against windows by their own time, and one the
   * watermark does not reach in time has a deadline ({@code driftgate.control.max-delay}), so the
   * topic need not hold event time back — and holding it until declared idle made how long windows
   * waited after a command depend on {@code driftgate.watermark.idleness}.
   */
  public static <T> WatermarkStrategy<T> neverHolding(SerializableEventTime<T> eventTime) {
    return WatermarkStrategy.<T>forGenerator(ctx -> new Idle<>())
        .withTimestampAssigner(
            (element, kafkaTimestamp) -> {
              long time = eventTime.applyAsLong(element);
              return time == Long.MIN_VALUE ? kafkaTimestamp : time;
            });
  }

  /** An event-time extractor the job graph can carry. */
  @FunctionalInterface
  public interface SerializableEventTime<T> extends ToLongFunction<T>, Serializable {}

  private static final class Idle<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.markIdle();
    }
  }

  /** {@code maxSeen - bound - 1}, saturating at {@code Long.MIN_VALUE} instead of wrapping. */
  static long behind(long maxSeen, long bound) {
    return maxSeen < Long.MIN_VALUE + bound + 1 ? Long.MIN_VALUE : maxSeen - bound - 1;
  }

  private static final class Generator<T> implements WatermarkGenerator<T> {
    private final long bound;
    private final ToLongFunction<T> eventTime;
    private long maxSeen = Long.MIN_VALUE;

    Generator(long bound, ToLongFunction<T> eventTime) {
      this.bound = bound;
      this.eventTime = eventTime;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
      long time = eventTime.applyAsLong(event);
      if (time != Long.MIN_VALUE) {
        maxSeen = Math.max(maxSeen, time);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (maxSeen != Long.MIN_VALUE) {
        output.emitWatermark(new Watermark(behind(maxSeen, bound)));
      }
    }
  }
}
