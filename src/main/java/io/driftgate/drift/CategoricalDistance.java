package io.driftgate.drift;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * How far apart two categorical summaries are: the effect sizes the drift gate compares with its
 * floor, and the fixed-sample chi-square for the audit trail. Significance is not decided here but
 * by {@link CategoricalEValue}.
 *
 * <p>The cells are the categories both summaries know exactly, each on its own, and per pool bucket
 * the records of every other category, on both sides alike: the finest partition both sides can be
 * compared on.
 *
 * @param totalVariation half the L1 distance between the cells' shares
 * @param psi population stability index with half-count smoothing
 * @param chiSquare chi-square homogeneity statistic over cells with expected counts >= 5
 * @param chiSquarePValue its fixed-sample p-value (Commons Math), for the audit trail only
 */
public record CategoricalDistance(
    double totalVariation, double psi, double chiSquare, double chiSquarePValue) {

  private static final double MIN_EXPECTED = 5.0;
  private static final double SMOOTHING = 0.5;

  static CategoricalDistance of(CategoryTable table) {
    long n1 = table.candidateTotal();
    long n2 = table.baselineTotal();
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("categorical distance needs values on both sides");
    }
    long[] rest1 = table.candidateBuckets().clone();
    long[] rest2 = table.baselineBuckets().clone();
    List<long[]> cells = new ArrayList<>();
    for (CategoryTable.Cell cell : table.labels()) {
      cells.add(new long[] {cell.candidate(), cell.baseline()});
      rest1[cell.bucket()] -= cell.candidate();
      rest2[cell.bucket()] -= cell.baseline();
    }
    for (int b = 0; b < rest1.length; b++) {
      if (rest1[b] > 0 || rest2[b] > 0) {
        cells.add(new long[] {rest1[b], rest2[b]});
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
    return new CategoricalDistance(tv / 2, psi, chi[0], chi[1]);
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
