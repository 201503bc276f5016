package io.driftgate.outcome;

import io.driftgate.gate.RoutingUpdate;
import io.driftgate.routing.CohortHash;
import io.driftgate.routing.RoutingEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Hand-built routing histories of one dataset, at named instants. */
final class Routings {

  static final String DATASET = "features.customer_profile";
  static final String SALT_V2 = DATASET + "/v2";
  static final String SALT_V3 = DATASET + "/v3";
  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  private Routings() {}

  static Instant hours(double hours) {
    return T0.plus(Duration.ofMinutes(Math.round(hours * 60)));
  }

  static RoutingUpdate update(long sequence, Instant at, RoutingEntry entry) {
    return new RoutingUpdate(entry, sequence, at);
  }

  static RoutingEntry exposing(String candidate, int exposure, int stage) {
    return new RoutingEntry(DATASET, "v1", candidate, exposure, DATASET + "/" + candidate, stage);
  }

  static RoutingEntry ended(String version, String salt) {
    return new RoutingEntry(DATASET, version, null, 0, salt, RoutingEntry.NO_STAGE);
  }

  static RoutingHistory history(RoutingUpdate... updates) {
    return new RoutingHistory(List.of(updates), true);
  }

  /** The first key {@code user-<n>} whose bucket under {@code salt} is in {@code [from, to)}. */
  static String keyIn(String salt, int from, int to) {
    for (int i = 0; ; i++) {
      int bucket = CohortHash.bucket(salt, "user-" + i);
      if (bucket >= from && bucket < to) {
        return "user-" + i;
      }
    }
  }

  static Outcome outcome(String key, Instant at, String version) {
    return Outcome.of(DATASET, "checkout.converted", key, true, at.toEpochMilli(), version);
  }
}
