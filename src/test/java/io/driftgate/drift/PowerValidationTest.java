package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Instant;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power at the budget of the 20-field, five-stage validation contract: a shift of known true KS
 * distance on one normal field must be flagged in at least 95% of rollouts by the stated number of
 * records per side, with the rule evaluated every 5% of the way there.
 */
class PowerValidationTest {

  private static final int ROLLOUTS = 100;
  private static final int LOOKS = 20;

  @ParameterizedTest(name = "true D={0} flagged by n={1} per side")
  @CsvSource({"0.05, 100000", "0.10, 20000"})
  void driftOfKnownDistanceIsFlagged(double trueDistance, int perSide) {
    DataContract contract = ValidationRollout.contract();
    // N(0,1) vs N(delta,1) are 2*Phi(delta/2) - 1 apart in KS distance.
    double delta =
        2 * new NormalDistribution().inverseCumulativeProbability((1 + trueDistance) / 2);
    int flagged = 0;
    for (int rollout = 0; rollout < ROLLOUTS; rollout++) {
      if (flaggedBy(contract, perSide, delta, 5_000L + rollout)) {
        flagged++;
      }
    }
    assertThat((double) flagged / ROLLOUTS).isGreaterThanOrEqualTo(0.95);
  }

  private static boolean flaggedBy(DataContract contract, int perSide, double delta, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DatasetProfile candidate = DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS);
    DatasetProfile baseline = DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS);
    Instant start = Instant.parse("2026-11-24T00:00:00Z");
    for (int look = 1; look <= LOOKS; look++) {
      for (int r = 0; r < perSide / LOOKS; r++) {
        candidate.field("f0").addNumber(random.nextGaussian() + delta);
        baseline.field("f0").addNumber(random.nextGaussian());
      }
      Evaluation evaluation =
          DriftEvaluator.evaluate(contract, candidate, baseline, start, start.plusSeconds(look));
      boolean breached = evaluation.breaches().stream().anyMatch(r -> r.gate().equals("drift:f0"));
      if (breached) {
        return true;
      }
    }
    return false;
  }
}
