package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftTest;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The acceptance cases for power, at the budget of the 20-field validation contract ({@link
 * AlphaBudget#perGate}: the rate over its 68 gates, evidence being pooled over stages), evaluated
 * every 1,000 (or 500) records per side: a category moving from 10% to 14% of 20 must be flagged
 * whichever label it is, and a new category at 5% of the candidate's records must be flagged.
 */
class CategoricalPowerTest {

  private static final DataContract CONTRACT = ValidationRollout.contract();
  private static final String FIELD = "f16";
  private static final int LABELS = 20;
  private static final int ROLLOUTS_PER_LABEL = 50;

  @Test
  void theValidationBudgetIsTheOneTheFiguresAreFor() {
    assertThat(CONTRACT.fields().get(16).drift().test()).isEqualTo(DriftTest.CHI2);
    assertThat(AlphaBudget.perGate(CONTRACT)).isEqualTo(0.01 / 68);
  }

  @Test
  void oneCategoryMovingFrom10To14PercentIsFlaggedBy10000PerSideWhicheverLabelMoves() {
    String[] labels = new String[LABELS];
    for (int i = 0; i < LABELS; i++) {
      labels[i] = "segment-" + (char) ('a' + i);
    }
    int flaggedInAll = 0;
    for (int moved = 0; moved < LABELS; moved++) {
      CategoryDraws before = CategoryDraws.oneApart(labels, moved, 0.10);
      CategoryDraws after = CategoryDraws.oneApart(labels, moved, 0.14);
      int flagged = 0;
      for (int rollout = 0; rollout < ROLLOUTS_PER_LABEL; rollout++) {
        long seed = 7_000L + 100L * moved + rollout;
        if (flaggedBy(10_000, 1_000, after, before, seed, r -> r.gate().equals("drift:f16"))) {
          flagged++;
        }
      }
      // 50 rollouts at a power of 98% vary by about 2 points: no label may fall clearly short.
      assertThat((double) flagged / ROLLOUTS_PER_LABEL)
          .as("moving %s", labels[moved])
          .isGreaterThanOrEqualTo(0.90);
      flaggedInAll += flagged;
    }
    // Measured: 98.2% overall, 94% to 100% per label; median first flag 6,000 per side.
    assertThat((double) flaggedInAll / (LABELS * ROLLOUTS_PER_LABEL)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aNewCategoryAtFivePercentIsFlaggedBy5000PerSide() {
    String[] labels = new String[LABELS + 1];
    double[] baseShares = new double[LABELS + 1];
    double[] candShares = new double[LABELS + 1];
    for (int i = 0; i < LABELS; i++) {
      labels[i] = "segment-" + (char) ('a' + i);
      baseShares[i] = 1.0 / LABELS;
      candShares[i] = 0.95 / LABELS;
    }
    labels[LABELS] = "brand-new";
    candShares[LABELS] = 0.05;
    CategoryDraws before = new CategoryDraws(labels, baseShares);
    CategoryDraws after = new CategoryDraws(labels, candShares);
    int flagged = 0;
    int rollouts = 100;
    for (int rollout = 0; rollout < rollouts; rollout++) {
      if (flaggedBy(
          5_000, 500, after, before, 9_000L + rollout, r -> r.gate().equals("unseen:f16"))) {
        flagged++;
      }
    }
    assertThat((double) flagged / rollouts).isGreaterThanOrEqualTo(0.95);
  }

  private static boolean flaggedBy(
      int perSide,
      int perLook,
      CategoryDraws candidateDraws,
      CategoryDraws baselineDraws,
      long seed,
      Predicate<GateResult> gate) {
    SplittableRandom random = new SplittableRandom(seed);
    DatasetProfile candidate = DatasetProfile.forContract(CONTRACT, "v2", ProfileSettings.DEFAULTS);
    DatasetProfile baseline = DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS);
    Instant start = Instant.parse("2026-11-24T00:00:00Z");
    for (int seen = perLook; seen <= perSide; seen += perLook) {
      for (int r = 0; r < perLook; r++) {
        candidate.field(FIELD).addCategory(candidateDraws.draw(random));
        baseline.field(FIELD).addCategory(baselineDraws.draw(random));
      }
      Evaluation evaluation =
          DriftEvaluator.evaluate(CONTRACT, candidate, baseline, start, start.plusSeconds(seen));
      if (evaluation.breaches().stream().anyMatch(gate)) {
        return true;
      }
    }
    return false;
  }
}
