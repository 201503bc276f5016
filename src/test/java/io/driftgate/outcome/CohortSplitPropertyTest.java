package io.driftgate.outcome;

import static io.driftgate.outcome.Routings.SALT_V2;
import static io.driftgate.outcome.Routings.T0;
import static io.driftgate.outcome.Routings.exposing;
import static io.driftgate.outcome.Routings.history;
import static io.driftgate.outcome.Routings.hours;
import static io.driftgate.outcome.Routings.outcome;
import static io.driftgate.outcome.Routings.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.routing.Binomial;
import io.driftgate.routing.CohortHash;
import io.driftgate.routing.CohortKeys;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over 100,000 seeded keys, the assigner splits exactly as consumers resolve: exposed iff {@code
 * CohortHash.bucket(salt, key) < exposure}, and so the exposed share is the exposure, within five
 * standard deviations of a binomial count.
 */
class CohortSplitPropertyTest {

  private static final int KEYS = 100_000;

  @ParameterizedTest(name = "exposure {0} bp")
  @ValueSource(ints = {1, 100, 1_000, 2_500, 5_000, 9_999, 10_000})
  void exposedIffTheBucketIsBelowTheExposure(int exposure) {
    RoutingHistory history =
        history(
            update(1, T0, exposing("v2", 0, 0)), update(2, hours(1), exposing("v2", exposure, 2)));
    String[] keys = CohortKeys.random(KEYS, 13L + exposure);
    int exposed = 0;

    for (String key : keys) {
      Assignment assignment =
          CohortAssigner.assign(history, Duration.ofMinutes(5), outcome(key, hours(2), null));

      boolean expected = CohortHash.bucket(SALT_V2, key) < exposure;
      assertThat(assignment)
          .as(key)
          .isEqualTo(
              expected ? new Assignment.Exposed(2, false) : new Assignment.Control(2, false));
      exposed += expected ? 1 : 0;
    }

    double share = exposure / (double) CohortHash.BUCKETS;
    assertThat((double) exposed).isCloseTo(KEYS * share, Binomial.fiveSigma(KEYS, share));
  }
}
