package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.profile.CategorySummary;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A/A: both versions draw from one distribution. Looked at after every window, the categorical
 * e-values reach 1 / alpha in at most alpha of the sequences (plus three binomial standard
 * deviations of the simulation) — with a fixed set of categories, and with one that keeps growing
 * past what a summary keeps by name, so that which categories are cells changes from look to look.
 * And the id-like case: identical versions of a string with 100,000 values never breach.
 */
class CategoricalValidityTest {

  private static final double ALPHA = 0.05;
  private static final int SEQUENCES = 1_000;
  private static final int CANDIDATE_PER_WINDOW = 50;
  private static final int BASELINE_PER_WINDOW = 200;

  @Test
  void aFixedSetOfCategoriesRejectsAtMostAlpha() {
    String[] labels = new String[20];
    double[] shares = new double[20];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = "segment-" + i;
      shares[i] = 1.0 / (i + 1); // from 28% down to 1.4%
    }
    CategoryDraws draws = new CategoryDraws(labels, shares);
    assertRejectsAtMostAlpha(31, 40, draws::draw);
  }

  @Test
  void aGrowingSetOfCategoriesRejectsAtMostAlpha() {
    // Zipf(1.1) over a million values: thousands of categories, new ones at every window.
    int values = 1_000_000;
    double[] cumulative = new double[values];
    double sum = 0;
    for (int i = 0; i < values; i++) {
      sum += Math.pow(i + 1, -1.1);
      cumulative[i] = sum;
    }
    double total = sum;
    assertRejectsAtMostAlpha(
        32,
        20,
        random -> {
          int index = Arrays.binarySearch(cumulative, random.nextDouble() * total);
          return "v" + (index >= 0 ? index : -index - 1);
        });
  }

  @Test
  void identicalVersionsOfAnIdLikeStringNeverBreach() {
    DataContract contract = ValidationRollout.contract();
    int rollouts = 200;
    int quiet = 0;
    int insignificant = 0;
    double rejectAt = 1 / AlphaBudget.perGate(contract);
    for (int rollout = 0; rollout < rollouts; rollout++) {
      SplittableRandom random = new SplittableRandom(33_000L + rollout);
      DatasetProfile candidate =
          DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS);
      DatasetProfile baseline =
          DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS);
      Instant start = Instant.parse("2026-11-24T00:00:00Z");
      boolean breached = false;
      boolean significant = false;
      for (int w = 1; w <= 10; w++) {
        int perSide = random.nextInt(300, 1_001);
        for (int r = 0; r < perSide; r++) {
          candidate.field("f16").addCategory("id-" + random.nextInt(100_000));
          baseline.field("f16").addCategory("id-" + random.nextInt(100_000));
        }
        Evaluation evaluation =
            DriftEvaluator.evaluate(contract, candidate, baseline, start, start.plusSeconds(w));
        for (GateResult result : evaluation.results()) {
          if (result.field() != null && result.field().equals("f16")) {
            breached |= result.verdict() == Verdict.BREACH;
            // Even without the id-like rule: the e-values themselves stay quiet.
            significant |= result.evidence().pValue() * rejectAt <= 1;
          }
        }
      }
      quiet += breached ? 0 : 1;
      insignificant += significant ? 0 : 1;
    }
    assertThat((double) quiet / rollouts).isGreaterThanOrEqualTo(0.99);
    assertThat((double) insignificant / rollouts).isGreaterThanOrEqualTo(0.99);
  }

  private static void assertRejectsAtMostAlpha(
      long seed, int windows, Function<SplittableRandom, String> draw) {
    SplittableRandom random = new SplittableRandom(seed);
    int driftRejected = 0;
    int noveltyRejected = 0;
    double rejectAt = Math.log(1 / ALPHA);
    for (int s = 0; s < SEQUENCES; s++) {
      CategorySummary candidate = new CategorySummary(ProfileSettings.DEFAULTS);
      CategorySummary baseline = new CategorySummary(ProfileSettings.DEFAULTS);
      boolean drift = false;
      boolean novelty = false;
      for (int w = 0; w < windows; w++) {
        for (int r = 0; r < CANDIDATE_PER_WINDOW; r++) {
          candidate.add(draw.apply(random));
        }
        for (int r = 0; r < BASELINE_PER_WINDOW; r++) {
          baseline.add(draw.apply(random));
        }
        CategoricalEValue e = CategoricalEValue.of(CategoryTable.of(candidate, baseline));
        drift |= e.logDrift() >= rejectAt;
        novelty |= e.logNovelty() >= rejectAt;
      }
      driftRejected += drift ? 1 : 0;
      noveltyRejected += novelty ? 1 : 0;
    }
    double allowance = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / SEQUENCES);
    assertThat((double) driftRejected / SEQUENCES).isLessThanOrEqualTo(ALPHA + allowance);
    assertThat((double) noveltyRejected / SEQUENCES).isLessThanOrEqualTo(ALPHA + allowance);
  }
}
