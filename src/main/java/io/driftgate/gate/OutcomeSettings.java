package io.driftgate.gate;

import java.time.Duration;

/**
 * How a gate assigns its consumers' outcomes to cohorts ({@code
 * io.driftgate.outcome.CohortAssigner}, docs/outcomes.md).
 *
 * @param grace how long after a routing change a consumer may still read by the routing before it:
 *     the consumers' routing cache age; its outcomes are not counted meanwhile
 * @param routingRetention how much routing history the gate keeps: an outcome older than that is
 *     not assigned
 */
public record OutcomeSettings(Duration grace, Duration routingRetention)
    implements java.io.Serializable {

  public static final OutcomeSettings DEFAULTS =
      new OutcomeSettings(Duration.ofMinutes(1), Duration.ofDays(7));

  public OutcomeSettings {
    if (grace.isNegative() || (routingRetention.isNegative() || routingRetention.isZero())) {
      throw new IllegalArgumentException(
          "grace must not be negative and routing retention must be positive: "
              + grace
              + ", "
              + routingRetention);
    }
  }
}
