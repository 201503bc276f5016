package io.driftgate.demo;

import io.driftgate.rollout.Command;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's story, in event time: {@code features.customer_profile} is at v1; v2 (healthy) rolls
 * out through the contract's five stages and is promoted; v3 starts healthy, then from minute
 * {@value #V3_DRIFT_FROM} — just after it reaches 25% — its incomes shift up and a quarter of its
 * churn scores go missing, and it is rolled back. Every record is a pure function of its index, so
 * the demo's decisions are the same on every run.
 */
public final class DemoScenario implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String DATASET = "features.customer_profile";
  public static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  public static final Duration TICK = Duration.ofMinutes(1);

  /** Rows per version per event-time minute. */
  static final int ROWS_PER_MINUTE = 2_000;

  static final int MINUTES = 130;
  static final int V1_UNTIL = 100;
  static final int V2_FROM = 2;
  static final int V3_FROM = 100;
  static final int V3_DRIFT_FROM = 121;

  private static final String[] SEGMENTS = {"bronze", "silver", "gold", "platinum"};
  private static final double[] SEGMENT_SHARES = {0.45, 0.30, 0.18, 0.07};
  private static final String[] COUNTRIES = {"NZ", "AU", "DE", "FR", "US", "GB", "JP", "BR"};
  private static final long SEED = 20260105L;

  /** One in this many records is garbage, to show the dead-letter output. */
  private static final long GARBAGE_EVERY = 150_000;

  /** Cumulative record counts at the start of each minute. */
  private final long[] minuteOffsets = new long[MINUTES + 1];

  public DemoScenario() {
    for (int m = 0; m < MINUTES; m++) {
      minuteOffsets[m + 1] = minuteOffsets[m] + (long) versionsAt(m).length * ROWS_PER_MINUTE;
    }
  }

  public long records() {
    return minuteOffsets[MINUTES];
  }

  static String[] versionsAt(int minute) {
    List<String> versions = new ArrayList<>(3);
    if (minute < V1_UNTIL) {
      versions.add("v1");
    }
    if (minute >= V2_FROM) {
      versions.add("v2");
    }
    if (minute >= V3_FROM) {
      versions.add("v3");
    }
    return versions.toArray(String[]::new);
  }

  /** The operators' commands: start v2, approve its 25% stage in advance, then the same for v3. */
  public List<Command> commands() {
    return List.of(
        new Command.Start("demo-1", DATASET, "release-bot", minute(V2_FROM), "v2", "v1", null),
        new Command.Approve("demo-2", DATASET, "alice", minute(5), 2),
        new Command.Start("demo-3", DATASET, "release-bot", minute(V3_FROM), "v3", "v2", null),
        new Command.Approve("demo-4", DATASET, "alice", minute(V3_FROM + 5), 2));
  }

  static Instant minute(int minute) {
    return T0.plus(TICK.multipliedBy(minute));
  }

  /** A generated row. */
  public record Row(byte[] json, long observedAtMillis) {}

  /** The record with index {@code index} (0-based, in event-time order). */
  public Row row(long index) {
    int minute = minuteOf(index);
    long withinMinute = index - minuteOffsets[minute];
    String[] versions = versionsAt(minute);
    String version = versions[(int) (withinMinute % versions.length)];
    long row = withinMinute / versions.length;
    long eventTime = minute(minute).toEpochMilli() + row * TICK.toMillis() / ROWS_PER_MINUTE;
    long observedAt = eventTime + 2_000;
    if (index % GARBAGE_EVERY == GARBAGE_EVERY - 1) {
      return new Row(
          ("{\"dataset\":\"" + DATASET + "\",\"version\":\"" + version + "\",\"event_time\":")
              .getBytes(StandardCharsets.UTF_8),
          observedAt);
    }
    boolean drifted = version.equals("v3") && minute >= V3_DRIFT_FROM;
    SplittableRandom random = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
    StringBuilder json = new StringBuilder(320);
    json.append("{\"dataset\":\"")
        .append(DATASET)
        .append("\",\"version\":\"")
        .append(version)
        .append("\",\"event_time\":")
        .append(eventTime)
        .append(",\"cohort_key\":\"consumer-")
        .append(random.nextInt(5_000))
        .append("\",\"fields\":{\"customer_id\":\"")
        .append(version)
        .append('-')
        .append(index)
        .append("\",\"age\":");
    json.append(Math.min(95, Math.max(18, (int) Math.round(42 + 13 * random.nextGaussian()))));
    double income = Math.exp(10.8 + 0.5 * random.nextGaussian()) * (drifted ? 1.6 : 1.0);
    json.append(",\"income\":")
        .append(Math.round(income * 100) / 100.0)
        .append(",\"segment\":\"")
        .append(segment(random))
        .append("\",\"country\":\"")
        .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
        .append("\",\"churn_score\":")
        .append(
            drifted && random.nextDouble() < 0.25
                ? "null"
                : String.valueOf(Math.round(beta(random) * 10_000) / 10_000.0))
        .append(",\"signup_date\":\"")
        .append(java.time.LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2_000)))
        .append("\",\"is_active\":")
        .append(random.nextDouble() < 0.8)
        .append("}}");
    return new Row(json.toString().getBytes(StandardCharsets.UTF_8), observedAt);
  }

  private int minuteOf(long index) {
    int low = 0;
    int high = MINUTES - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (minuteOffsets[mid] <= index) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private static String segment(SplittableRandom random) {
    double u = random.nextDouble();
    for (int s = 0; s < SEGMENTS.length; s++) {
      u -= SEGMENT_SHARES[s];
      if (u < 0) {
        return SEGMENTS[s];
      }
    }
    return SEGMENTS[SEGMENTS.length - 1];
  }

  /** A churn score skewed towards low values: the minimum of two uniforms. */
  private static double beta(SplittableRandom random) {
    return Math.min(random.nextDouble(), random.nextDouble());
  }
}
