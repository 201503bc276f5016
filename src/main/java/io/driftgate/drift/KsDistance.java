package io.driftgate.drift;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.NumericSummary.Bins;
import io.driftgate.profile.NumericSummary.ValueCounts;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov–Smirnov distance between two numeric summaries, with how far the
 * summaries may understate it.
 *
 * <p>While both sides are exact (their values, or a count per distinct value), D is computed
 * exactly from the two weighted empirical CDFs: the same number Commons Math computes on the raw
 * values, without expanding counts into samples. Once a side is binned, D is taken at bin
 * boundaries, where both empirical CDFs are known exactly: that value can only be smaller than the
 * raw D (a sketch never invents drift), and the largest possible raw D given the bins is the upper
 * bound. Their gap is the sketch error reported with every result.
 *
 * @param distance D, or its guaranteed lower bound when binned
 * @param upperBound the largest D consistent with the summaries (= distance when exact)
 * @param exact whether both sides were exact, so D is exact and the sketch error 0
 * @param fixedSamplePValue Commons Math's asymptotic fixed-sample p-value, for the audit trail only
 *     (its exact and Monte Carlo variants are slow or random at small n)
 */
public record KsDistance(
    double distance, double upperBound, boolean exact, double fixedSamplePValue) {

  private static final KolmogorovSmirnovTest COMMONS_KS = new KolmogorovSmirnovTest();

  public double sketchError() {
    return upperBound - distance;
  }

  public static KsDistance between(NumericSummary candidate, NumericSummary baseline) {
    return between(candidate, baseline, false);
  }

  /**
   * @param integral whether every value is a whole number (an {@code integer} field): a bin that
   *     spans at most one whole number then holds at most one distinct value, so the empirical CDFs
   *     are known exactly across it and it adds no sketch error
   */
  public static KsDistance between(
      NumericSummary candidate, NumericSummary baseline, boolean integral) {
    if (candidate.count() == 0 || baseline.count() == 0) {
      throw new IllegalArgumentException("KS distance needs values on both sides");
    }
    if (candidate.isExact() && baseline.isExact()) {
      return exact(candidate.valueCounts(), baseline.valueCounts());
    }
    int level = Math.max(candidate.level(), baseline.level());
    return binned(candidate.bins(level), baseline.bins(level), integral);
  }

  /**
   * The two-sample D of two exact distributions: both CDFs step at the merged distinct values. As
   * in Commons Math, D·n·m is accumulated in whole numbers (so the result is the same double)
   * unless n·m overflows a long, where the CDFs are compared as fractions.
   */
  static KsDistance exact(ValueCounts first, ValueCounts second) {
    long n = first.total();
    long m = second.total();
    boolean integral = Math.multiplyHigh(n, m) == 0 && n * m >= 0;
    double[] x = first.values();
    double[] y = second.values();
    long cum = 0;
    long sup = 0;
    long rank1 = 0;
    long rank2 = 0;
    double supFraction = 0;
    int i = 0;
    int j = 0;
    while (i < x.length || j < y.length) {
      int order = i == x.length ? 1 : j == y.length ? -1 : Double.compare(x[i], y[j]);
      if (order <= 0) {
        cum += integral ? first.counts()[i] * m : 0;
        rank1 += first.counts()[i++];
      }
      if (order >= 0) {
        cum -= integral ? second.counts()[j] * n : 0;
        rank2 += second.counts()[j++];
      }
      if (integral) {
        sup = Math.max(sup, Math.abs(cum));
      } else {
        supFraction = Math.max(supFraction, Math.abs((double) rank1 / n - (double) rank2 / m));
      }
    }
    double d = integral ? sup / (double) (n * m) : supFraction;
    return new KsDistance(d, d, true, approximateP(d, n, m));
  }

  /**
   * D between two summaries' bins of one level, taken where both empirical CDFs are known exactly
   * (a lower bound of the raw D), and the largest raw D the bins allow. Both CDFs are known at
   * every bin boundary, and inside a bin wherever each side's values there are a single value (a
   * spike, or a sparse bin): both step there. Only a bin holding several distinct values on a side
   * leaves that side's CDF free to rise anywhere inside it, so the CDFs may differ by up to one
   * side's CDF after the bin minus the other's before it.
   */
  static KsDistance binned(Bins first, Bins second, boolean integral) {
    if (first.level() != second.level()) {
      throw new IllegalArgumentException(
          "bins of levels " + first.level() + " and " + second.level() + " do not align");
    }
    long[] a = first.keys();
    long[] b = second.keys();
    double n1 = first.total();
    double n2 = second.total();
    long cum1 = 0;
    long cum2 = 0;
    double lower = 0;
    double upper = 0;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      long key = i == a.length ? b[j] : j == b.length ? a[i] : Math.min(a[i], b[j]);
      double before1 = cum1 / n1;
      double before2 = cum2 / n2;
      long value1 = NO_VALUES;
      long value2 = NO_VALUES;
      if (i < a.length && a[i] == key) {
        value1 = single(first, i, integral);
        cum1 += first.counts()[i++];
      }
      if (j < b.length && b[j] == key) {
        value2 = single(second, j, integral);
        cum2 += second.counts()[j++];
      }
      double after1 = cum1 / n1;
      double after2 = cum2 / n2;
      lower = Math.max(lower, Math.abs(after1 - after2));
      if (value1 != NumericSummary.MIXED && value2 != NumericSummary.MIXED) {
        // Each side steps once inside the bin (or not at all): the CDFs are known throughout.
        // Between the two steps one side has stepped and the other not yet.
        double between =
            value1 < value2
                ? Math.abs(after1 - before2)
                : value2 < value1 ? Math.abs(before1 - after2) : 0;
        lower = Math.max(lower, between);
        upper = Math.max(upper, Math.max(between, Math.abs(after1 - after2)));
      } else {
        upper = Math.max(upper, Math.max(after1 - before2, after2 - before1));
      }
    }
    return new KsDistance(lower, Math.max(lower, upper), false, approximateP(lower, n1, n2));
  }

  /** A side without values in a bin: its CDF is flat there, like a single value never reached. */
  private static final long NO_VALUES = Long.MAX_VALUE;

  /**
   * The one value of bin {@code i}, or {@link NumericSummary#MIXED}. Whole numbers in a bin that
   * spans at most one of them are one value too, though the summary cannot tell which.
   */
  private static long single(Bins bins, int i, boolean integral) {
    if (bins.isSingle(i)) {
      return bins.singles()[i];
    }
    if (integral) {
      long key = bins.keys()[i];
      double low = bins.lowerBound(key);
      double high = bins.upperBound(key);
      if (Double.isFinite(low) && Double.isFinite(high) && Math.floor(high) - Math.ceil(low) < 1) {
        return NumericSummary.orderKey(Math.ceil(low));
      }
    }
    return NumericSummary.MIXED;
  }

  private static double approximateP(double d, double n, double m) {
    if (n > Integer.MAX_VALUE || m > Integer.MAX_VALUE) {
      return Double.NaN;
    }
    return COMMONS_KS.approximateP(d, (int) n, (int) m);
  }
}
