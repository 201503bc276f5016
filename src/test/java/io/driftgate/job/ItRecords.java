package io.driftgate.job;

import io.driftgate.testing.FixtureTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records of the integration tests' dataset {@code it.features}, as producers would write them:
 * {@value #ROWS_PER_MINUTE} rows per version per event-time minute, seeded, in event-time order.
 */
final class ItRecords {

  static final String DATASET = "it.features";
  static final Instant T0 = FixtureTime.T0;
  static final int ROWS_PER_MINUTE = 300;

  /** One version's stream over a range of minutes, optionally shifted from a given minute. */
  record Stream(String version, int fromMinute, int untilMinute, int driftFromMinute) {
    static Stream healthy(String version, int from, int until) {
      return new Stream(version, from, until, Integer.MAX_VALUE);
    }
  }

  /** A record with its Kafka timestamp (just after its event time) and key. */
  record Produced(byte[] key, byte[] value, long timestamp) {}

  private ItRecords() {}

  static Instant minute(double minutes) {
    return T0.plus(Duration.ofMillis(Math.round(minutes * 60_000)));
  }

  /** Rows of every stream from {@link #T0}, interleaved in event-time order. */
  static List<Produced> rows(long seed, Stream... streams) {
    return rows(T0, seed, streams);
  }

  /** Rows of every stream from minute 0 at {@code t0}, interleaved in event-time order. */
  static List<Produced> rows(Instant t0, long seed, Stream... streams) {
    List<Produced> out = new ArrayList<>();
    int last = 0;
    for (Stream s : streams) {
      last = Math.max(last, s.untilMinute());
    }
    for (int m = 0; m < last; m++) {
      for (int r = 0; r < ROWS_PER_MINUTE; r++) {
        for (Stream s : streams) {
          if (m < s.fromMinute() || m >= s.untilMinute()) {
            continue;
          }
          long eventTime = t0.toEpochMilli() + m * 60_000L + r * (60_000L / ROWS_PER_MINUTE);
          SplittableRandom random =
              new SplittableRandom(
                  seed * 1_000_003L + s.version().hashCode() * 7919L + m * 977L + r);
          boolean drifted = m >= s.driftFromMinute();
          double x = random.nextGaussian() + (drifted ? 2.0 : 0.0);
          String seg = new String[] {"a", "a", "b", "c"}[random.nextInt(4)];
          String y = random.nextDouble() < 0.01 ? "null" : String.valueOf(random.nextDouble());
          String json =
              "{\"dataset\":\"%s\",\"version\":\"%s\",\"event_time\":%d,\"cohort_key\":\"u%d\",\"fields\":{\"id\":\"%s-%d-%d\",\"x\":%s,\"seg\":\"%s\",\"y\":%s}}"
                  .formatted(DATASET, s.version(), eventTime, r % 97, s.version(), m, r, x, seg, y);
          out.add(produced(s.version(), json, eventTime + 500));
        }
      }
    }
    return out;
  }

  static Produced produced(String key, String json, long timestamp) {
    return new Produced(
        (DATASET + "@" + key).getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        timestamp);
  }
}
