package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power at the budget of the 20-field, five-stage validation contract (every field's null rate
 * compared with the baseline, as contracts are by default): a rate that got worse by more than the
 * floor is flagged in at least 95% of rollouts by the stated records per side, the rule evaluated
 * every 1,000 records per side.
 *
 * <p>The gate breaches when the e-process rejects "no worse than the baseline" and the observed
 * rise is at least the floor, as the distribution gates do. See docs/statistics.md.
 */
class RateDriftPowerTest {

  private static final int ROLLOUTS = 100;
  private static final int LOOK_EVERY = 1_000;

  @ParameterizedTest(name = "{0} -> {1} with floor {2} flagged by n={3} per side")
  @CsvSource({
    "0.30, 0.33, 0.02, 32000",
    "0.30, 0.40, 0.02, 5000",
    "0.00, 0.03, 0.02, 15000",
    "0.01, 0.05, 0.02, 8000",
  })
  void worseByAtLeastTheFloorIsFlagged(
      double baselineRate, double candidateRate, double floor, int perSide) {
    double alpha = AlphaBudget.perGate(ValidationRollout.contract());
    SplittableRandom random = new SplittableRandom(31);
    int flagged = 0;
    for (int rollout = 0; rollout < ROLLOUTS; rollout++) {
      long x = 0;
      long y = 0;
      for (long n = LOOK_EVERY; n <= perSide; n += LOOK_EVERY) {
        x += BinomialDraws.draw(random, LOOK_EVERY, candidateRate);
        y += BinomialDraws.draw(random, LOOK_EVERY, baselineRate);
        boolean significant = RateDriftTest.logEValue(x, n, y, n, 0) >= Math.log(1 / alpha);
        if (significant && (double) (x - y) / n >= floor) {
          flagged++;
          break;
        }
      }
    }
    assertThat(alpha).isLessThan(1.5e-4);
    assertThat((double) flagged / ROLLOUTS).isGreaterThanOrEqualTo(0.95);
  }
}
