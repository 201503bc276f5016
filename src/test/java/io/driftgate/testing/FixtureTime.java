package io.driftgate.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The base instant of the fixtures that travel through Kafka, Flink and the database (records,
 * commands, aliases), so that no test depends on the wall clock being near a fixed date.
 *
 * <p>Two things make those tests independent of the day they run, and both hold:
 *
 * <ul>
 *   <li>The fixtures are relative to this instant, which the test controls: by default a fixed
 *       instant (the same records, decision ids and evidence every day), moved with {@code
 *       -Ddriftgate.test.t0=<ISO-8601 instant>} to run the suite as it would run on another day,
 *       e.g. {@code -Ddriftgate.test.t0=2024-12-01T09:00:00Z}. It is truncated to the minute, so
 *       one-minute event-time windows stay aligned with the fixtures' minutes.
 *   <li>The test broker keeps what it is given: {@code KafkaBroker} turns time-based retention off,
 *       because Kafka deletes records whose <em>timestamp</em> is older than the retention at its
 *       next check, and a fixed fixture date is older than any retention some day.
 * </ul>
 *
 * <p>Pure unit tests (the state machine, the stores with an injected clock) keep their own named
 * instants: nothing there compares them with the wall clock.
 */
public final class FixtureTime {

  /** The system property that moves {@link #T0}. */
  public static final String PROPERTY = "driftgate.test.t0";

  private static final Instant DEFAULT = Instant.parse("2026-03-02T09:00:00Z");

  /** Minute 0 of the fixtures. */
  public static final Instant T0 = base(System.getProperty(PROPERTY));

  private FixtureTime() {}

  static Instant base(String property) {
    Instant base = property == null || property.isBlank() ? DEFAULT : Instant.parse(property);
    return base.truncatedTo(ChronoUnit.MINUTES);
  }
}
