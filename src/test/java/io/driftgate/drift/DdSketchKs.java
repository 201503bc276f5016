package io.driftgate.drift;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.Store;
import io.driftgate.bench.DdSketchSummary;
import io.driftgate.bench.DdSketchSummary.ValueCounts;
import io.driftgate.profile.NumericSummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The KS distance of the previous summary ({@link DdSketchSummary}), kept in the tests to compare
 * the previous rule with the current one. Original description: the two-sample Kolmogorov–Smirnov
 * distance between two numeric summaries, with how far the summaries may understate it.
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
public record DdSketchKs(
    double distance, double upperBound, boolean exact, double fixedSamplePValue) {

  private static final KolmogorovSmirnovTest COMMONS_KS = new KolmogorovSmirnovTest();

  public double sketchError() {
    return upperBound - distance;
  }

  public static DdSketchKs between(DdSketchSummary candidate, DdSketchSummary baseline) {
    return between(candidate, baseline, false);
  }

  /**
   * @param integral whether every value is a whole number (an {@code integer} field): a bin
   *     narrower than 1 then holds at most one distinct value, so the empirical CDFs are known
   *     exactly across it and it adds no sketch error — which keeps integer fields such as ages
   *     conclusive at any sample size
   */
  public static DdSketchKs between(
      DdSketchSummary candidate, DdSketchSummary baseline, boolean integral) {
    if (candidate.count() == 0 || baseline.count() == 0) {
      throw new IllegalArgumentException("KS distance needs values on both sides");
    }
    if (candidate.isExact() && baseline.isExact()) {
      return exact(candidate.valueCounts(), baseline.valueCounts());
    }
    return binned(candidate.binned(), baseline.binned(), candidate.settings().maxBins(), integral);
  }

  /** The exact D, as today's {@link KsDistance#exact} computes it: exact values never changed. */
  static DdSketchKs exact(ValueCounts first, ValueCounts second) {
    KsDistance d =
        KsDistance.exact(
            new NumericSummary.ValueCounts(first.values(), first.counts(), first.total()),
            new NumericSummary.ValueCounts(second.values(), second.counts(), second.total()));
    return new DdSketchKs(d.distance(), d.upperBound(), true, d.fixedSamplePValue());
  }

  static DdSketchKs binned(DDSketch first, DDSketch second, int maxBins) {
    return binned(first, second, maxBins, false);
  }

  static DdSketchKs binned(DDSketch first, DDSketch second, int maxBins, boolean integral) {
    int[] floors = floorsOf(first, second, maxBins);
    List<double[]> a = orderedBins(first, floors, integral);
    List<double[]> b = orderedBins(second, floors, integral);
    double n1 = first.getCount();
    double n2 = second.getCount();
    double cum1 = 0;
    double cum2 = 0;
    double lower = 0;
    double upper = 0;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      double key =
          Math.min(
              i < a.size() ? a.get(i)[0] : Double.MAX_VALUE,
              j < b.size() ? b.get(j)[0] : Double.MAX_VALUE);
      double before1 = cum1 / n1;
      double before2 = cum2 / n2;
      boolean point = true;
      while (i < a.size() && a.get(i)[0] == key) {
        point &= a.get(i)[2] == POINT;
        cum1 += a.get(i++)[1];
      }
      while (j < b.size() && b.get(j)[0] == key) {
        point &= b.get(j)[2] == POINT;
        cum2 += b.get(j++)[1];
      }
      double after1 = cum1 / n1;
      double after2 = cum2 / n2;
      lower = Math.max(lower, Math.abs(after1 - after2));
      upper =
          Math.max(
              upper,
              point
                  ? Math.max(Math.abs(after1 - after2), Math.abs(before1 - before2))
                  : Math.max(after1 - before2, after2 - before1));
    }
    return new DdSketchKs(lower, Math.max(lower, upper), false, approximateP(lower, n1, n2));
  }

  private static double approximateP(double d, double n, double m) {
    if (n > Integer.MAX_VALUE || m > Integer.MAX_VALUE) {
      return Double.NaN;
    }
    return COMMONS_KS.approximateP(d, (int) n, (int) m);
  }

  /**
   * The lowest index each store may hold uncollapsed mass at, aligned across both sketches: a
   * collapsing store folds its smallest magnitudes into its lowest bin, so both sides are folded
   * alike before comparing, keeping the bin-boundary CDFs exact.
   */
  private static int[] floorsOf(DDSketch first, DDSketch second, int maxBins) {
    return new int[] {
      Math.max(
          floorOf(first.getNegativeValueStore(), maxBins),
          floorOf(second.getNegativeValueStore(), maxBins)),
      Math.max(
          floorOf(first.getPositiveValueStore(), maxBins),
          floorOf(second.getPositiveValueStore(), maxBins))
    };
  }

  private static int floorOf(Store store, int maxBins) {
    boolean mayHaveCollapsed =
        !store.isEmpty() && store.getMaxIndex() - store.getMinIndex() + 1 >= maxBins;
    return mayHaveCollapsed ? store.getMinIndex() : Integer.MIN_VALUE;
  }

  /** Marks a bin whose values are all one number, so it has no within-bin spread. */
  private static final double POINT = 1;

  private static final double SPREAD = 0;

  /**
   * Bins as (order key, count, {@link #POINT} or {@link #SPREAD}) in ascending value order:
   * negative values (largest magnitude first), then the zero bin, then positive values.
   */
  private static List<double[]> orderedBins(DDSketch sketch, int[] floors, boolean integral) {
    IndexMapping mapping = sketch.getIndexMapping();
    List<double[]> bins = new ArrayList<>();
    Store negative = sketch.getNegativeValueStore();
    Iterator<Bin> down = negative.getDescendingIterator();
    while (down.hasNext()) {
      Bin bin = down.next();
      int index = Math.max(bin.getIndex(), floors[0]);
      bins.add(
          new double[] {
            -1e10 - index, bin.getCount(), kind(mapping, bin.getIndex(), floors[0], integral)
          });
    }
    double zero =
        sketch.getCount()
            - negative.getTotalCount()
            - sketch.getPositiveValueStore().getTotalCount();
    if (zero > 0) {
      bins.add(new double[] {0, zero, POINT});
    }
    Iterator<Bin> up = sketch.getPositiveValueStore().getAscendingIterator();
    while (up.hasNext()) {
      Bin bin = up.next();
      int index = Math.max(bin.getIndex(), floors[1]);
      bins.add(
          new double[] {
            1e10 + index, bin.getCount(), kind(mapping, bin.getIndex(), floors[1], integral)
          });
    }
    return bins;
  }

  /**
   * A bin of whole numbers is a point when its range, [lower, upper) in magnitude, holds at most
   * one integer. A bin below the collapse floor holds folded mass of other bins: never a point.
   */
  private static double kind(IndexMapping mapping, int index, int floor, boolean integral) {
    if (!integral || index <= floor) {
      return SPREAD;
    }
    double low = mapping.lowerBound(index);
    double high = mapping.upperBound(index);
    return Math.ceil(high) - Math.ceil(low) <= 1 && high - low < 1 ? POINT : SPREAD;
  }
}
