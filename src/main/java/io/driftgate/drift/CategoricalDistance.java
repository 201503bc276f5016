package io.driftgate.drift;

import io.driftgate.profile.CategorySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * How far apart two categorical summaries are.
 *
 * <p>The significance statistic is a KS distance over the pool buckets in index order: every
 * category maps to its bucket by hash alone, so this is the CDF of a fixed, data-independent
 * coarsening and the time-uniform band applies to it as it does to numbers. The effect sizes (total
 * variation, PSI) and the chi-square evidence use finer categories: those both sides kept by name,
 * the rest pooled by bucket on both sides alike.
 *
 * @param bucketDistance KS distance over pool buckets, the statistic the band tests
 * @param totalVariation half the L1 distance between the category shares
 * @param psi population stability index with half-count smoothing
 * @param chiSquare chi-square homogeneity statistic over categories with expected counts >= 5
 * @param chiSquarePValue its fixed-sample p-value (Commons Math), for the audit trail only
 * @param unseenCount candidate records whose category the baseline provably never had
 */
public record CategoricalDistance(
    double bucketDistance,
    double totalVariation,
    double psi,
    double chiSquare,
    double chiSquarePValue,
    long unseenCount) {

  private static final double MIN_EXPECTED = 5.0;
  private static final double SMOOTHING = 0.5;

  public static CategoricalDistance between(CategorySummary candidate, CategorySummary baseline) {
    long n1 = candidate.total();
    long n2 = baseline.total();
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("categorical distance needs values on both sides");
    }
    long[] shared1 = candidate.countsByBucket();
    long[] shared2 = baseline.countsByBucket();
    double bucketDistance = ksOverBuckets(shared1, shared2, n1, n2);

    Map<String, Long> kept1 = candidate.keptCounts();
    Map<String, Long> kept2 = baseline.keptCounts();
    List<long[]> cells = new ArrayList<>();
    long unseen = 0;
    for (Map.Entry<String, Long> entry : kept1.entrySet()) {
      Long other = kept2.get(entry.getKey());
      if (other != null) {
        int bucket = candidate.bucketOf(entry.getKey());
        cells.add(new long[] {entry.getValue(), other});
        shared1[bucket] -= entry.getValue();
        shared2[bucket] -= other;
      } else if (baseline.provablyUnseen(entry.getKey())) {
        unseen += entry.getValue();
      }
    }
    for (int b = 0; b < shared1.length; b++) {
      if (shared1[b] > 0 || shared2[b] > 0) {
        cells.add(new long[] {shared1[b], shared2[b]});
      }
    }
    double tv = 0;
    double psi = 0;
    double k = cells.size();
    for (long[] cell : cells) {
      double p = (double) cell[0] / n1;
      double q = (double) cell[1] / n2;
      tv += Math.abs(p - q);
      double ps = (cell[0] + SMOOTHING) / (n1 + SMOOTHING * k);
      double qs = (cell[1] + SMOOTHING) / (n2 + SMOOTHING * k);
      psi += (ps - qs) * Math.log(ps / qs);
    }
    double[] chi = chiSquare(cells, n1, n2);
    return new CategoricalDistance(bucketDistance, tv / 2, psi, chi[0], chi[1], unseen);
  }

  private static double ksOverBuckets(long[] a, long[] b, long n1, long n2) {
    double cum1 = 0;
    double cum2 = 0;
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      cum1 += a[i];
      cum2 += b[i];
      d = Math.max(d, Math.abs(cum1 / n1 - cum2 / n2));
    }
    return d;
  }

  /** Pools the sparsest cells until every cell expects at least five records on each side. */
  private static double[] chiSquare(List<long[]> cells, long n1, long n2) {
    List<long[]> sorted = new ArrayList<>(cells);
    sorted.sort((x, y) -> Long.compare(x[0] + x[1], y[0] + y[1]));
    double smallerShare = (double) Math.min(n1, n2) / (n1 + n2);
    List<long[]> pooled = new ArrayList<>();
    long[] rest = {0, 0};
    for (long[] cell : sorted) {
      if ((cell[0] + cell[1]) * smallerShare < MIN_EXPECTED) {
        rest[0] += cell[0];
        rest[1] += cell[1];
      } else {
        pooled.add(cell);
      }
    }
    if (rest[0] + rest[1] > 0) {
      if ((rest[0] + rest[1]) * smallerShare < MIN_EXPECTED && !pooled.isEmpty()) {
        long[] smallest = pooled.remove(0);
        rest[0] += smallest[0];
        rest[1] += smallest[1];
      }
      pooled.add(rest);
    }
    if (pooled.size() < 2) {
      return new double[] {0.0, 1.0};
    }
    long[] observed1 = pooled.stream().mapToLong(c -> c[0]).toArray();
    long[] observed2 = pooled.stream().mapToLong(c -> c[1]).toArray();
    ChiSquareTest test = new ChiSquareTest();
    return new double[] {
      test.chiSquareDataSetsComparison(observed1, observed2),
      test.chiSquareTestDataSetsComparison(observed1, observed2)
    };
  }
}
