package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The KS gate's power before evidence was pooled (profiles restarted every stage, α split over the
 * gates and the five stages) and after (profiles over the rollout, α split over the gates only), on
 * the same seeds as {@code PowerValidationTest}: the median records per side at first flag when
 * both sides grow alike, and in a five-stage rollout the candidate's records at first flag and the
 * stage it was flagged in. The rule is the evaluator's: D above the two-sample margin and the
 * floor.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.driftgate.drift.PooledPowerReport}. Results go in docs/benchmarks.md.
 */
public final class PooledPowerReport {

  private static final int ROLLOUTS = 100;
  private static final double FLOOR = 0.03;
  private static final int[] EXPOSURES = {100, 500, 2_500, 5_000, 10_000};
  private static final int WINDOWS_PER_STAGE = 10;
  private static final int BASELINE_PER_WINDOW = 2_000;
  private static final long NEVER = Long.MAX_VALUE;

  public static void main(String[] args) {
    DataContract contract = ValidationRollout.contract();
    double after = AlphaBudget.perGate(contract);
    double before = after / EXPOSURES.length;
    System.out.printf("alpha/gate before %.2e, after %.2e%n", before, after);
    System.out.println(
        "| true D | per side, both growing: before | after |"
            + " five-stage rollout, candidate records: before | after | flagged by stage (0-4, never): before | after |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (double d : new double[] {0.05, 0.07, 0.10}) {
      double shift = 2 * new NormalDistribution().inverseCumulativeProbability((1 + d) / 2);
      int[] stagesBefore = new int[EXPOSURES.length + 1];
      int[] stagesAfter = new int[EXPOSURES.length + 1];
      System.out.printf(
          "| %.2f | %s | %s | %s | %s | %s | %s |%n",
          d,
          median(r -> balanced(shift, before, 5_000L + r)),
          median(r -> balanced(shift, after, 5_000L + r)),
          median(r -> staged(shift, before, false, 9_000L + r, stagesBefore)),
          median(r -> staged(shift, after, true, 9_000L + r, stagesAfter)),
          Arrays.toString(stagesBefore),
          Arrays.toString(stagesAfter));
    }
  }

  private static String median(LongUnaryOperator firstFlagOfRollout) {
    long[] first = new long[ROLLOUTS];
    for (int r = 0; r < ROLLOUTS; r++) {
      first[r] = firstFlagOfRollout.applyAsLong(r);
    }
    Arrays.sort(first);
    long median = first[ROLLOUTS / 2];
    return median == NEVER ? "not flagged" : String.format("%,d", median);
  }

  /** Records per side at first flag, both sides growing by 1,000 between looks, up to 200,000. */
  private static long balanced(double shift, double alpha, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    NumericSummary candidate = new NumericSummary(ProfileSettings.DEFAULTS);
    NumericSummary baseline = new NumericSummary(ProfileSettings.DEFAULTS);
    for (long n = 1_000; n <= 200_000; n += 1_000) {
      for (int i = 0; i < 1_000; i++) {
        candidate.add(random.nextGaussian() + shift);
        baseline.add(random.nextGaussian());
      }
      if (breached(candidate, baseline, alpha)) {
        return n;
      }
    }
    return NEVER;
  }

  /**
   * Candidate records at first flag in a five-stage rollout; counts the stage it was flagged in.
   */
  private static long staged(
      double shift, double alpha, boolean pooled, long seed, int[] flaggedInStage) {
    SplittableRandom random = new SplittableRandom(seed);
    NumericSummary candidate = new NumericSummary(ProfileSettings.DEFAULTS);
    NumericSummary baseline = new NumericSummary(ProfileSettings.DEFAULTS);
    long seen = 0;
    for (int s = 0; s < EXPOSURES.length; s++) {
      if (!pooled) {
        candidate = new NumericSummary(ProfileSettings.DEFAULTS);
        baseline = new NumericSummary(ProfileSettings.DEFAULTS);
      }
      int candidatePerWindow = Math.max(20, BASELINE_PER_WINDOW * EXPOSURES[s] / 10_000);
      for (int w = 0; w < WINDOWS_PER_STAGE; w++) {
        for (int i = 0; i < candidatePerWindow; i++) {
          candidate.add(random.nextGaussian() + shift);
        }
        for (int i = 0; i < BASELINE_PER_WINDOW; i++) {
          baseline.add(random.nextGaussian());
        }
        seen += candidatePerWindow;
        if (breached(candidate, baseline, alpha)) {
          flaggedInStage[s]++;
          return seen;
        }
      }
    }
    flaggedInStage[EXPOSURES.length]++;
    return NEVER;
  }

  private static boolean breached(NumericSummary candidate, NumericSummary baseline, double alpha) {
    double d = KsDistance.between(candidate, baseline).distance();
    return d > ConfidenceBand.twoSampleRadius(candidate.count(), baseline.count(), alpha)
        && d >= FLOOR;
  }
}
