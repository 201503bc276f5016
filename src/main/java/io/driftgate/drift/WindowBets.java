package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.RateDriftGate;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.NumericSummary.Bins;
import java.io.Serializable;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.util.FastMath;

/**
 * A running e-process per two-sample gate (numeric drift, rate drift), built from one bet per
 * window on the window's own candidate and baseline records, in a direction chosen from the
 * rollout's evidence before that window.
 *
 * <p>Why windows, when the rollout's pooled evidence is already tested: a test of the pooled
 * samples must hold however the two samples grow, and a time-uniform band on each side's
 * distribution costs about twice a fixed-sample threshold. A bet compares records of the same
 * window, whose labels are exchangeable if the versions do not differ ({@link HypergeometricBet}),
 * so each window's e-value is exact, and the product over windows of e-values whose stakes were
 * fixed before each window is a test supermartingale: Ville's inequality lets it be watched after
 * every window. Comparing records of the same window also keeps a trend common to both versions out
 * of the evidence.
 *
 * <p>How much to stake is not guessed from the difference seen so far (that bets on noise while the
 * samples are small): the log-optimal stake for a difference d at a rate p is about d / (p (1 -
 * p)), and the differences that matter are those from the gate's effect floor up. So each gate runs
 * one product per multiple c of the floor in {@link #FLOOR_MULTIPLES}, staking c floor / (p (1 -
 * p)) with p the rate seen before the window, and its e-value is the products' mean, itself an
 * e-process (the method of mixtures). For any difference from the floor to five times it one stake
 * is within a factor 1.23 of the optimum, so the mixture grows nearly as fast as an oracle's bet,
 * about n d^2 / (4 p (1 - p)) per window of n records per side, less log 5 once
 * (docs/statistics.md). Larger differences are caught by a smaller stake than the best, sooner
 * anyway.
 *
 * <p>On a numeric field the bet is on "below a threshold": the threshold where the rollout's
 * candidate and baseline distribution functions differ most so far, in the direction they differ. A
 * rate gate bets only on a rise, from its first window.
 */
public final class WindowBets implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The differences bet on, as multiples of the gate's effect floor: 1 to 5 by factors of 1.5. */
  static final double[] FLOOR_MULTIPLES = {1, 1.5, 2.25, 3.375, 5.0625};

  /** Larger stakes win little more and risk much on one window. */
  static final double MAX_STAKE = 8;

  /** Log product per stake, per gate name. Sorted, so it serializes alike. */
  private final TreeMap<String, double[]> logProducts = new TreeMap<>();

  /** No window bet on yet: every gate's e-value is 1. */
  public static WindowBets none() {
    return new WindowBets();
  }

  /**
   * Bets restored from {@link #logProducts()}: the state serializer ({@code io.driftgate.serde})
   * keeps the products themselves, so a restored rollout bets on exactly where it stopped.
   */
  public static WindowBets of(SortedMap<String, double[]> logProducts) {
    WindowBets bets = new WindowBets();
    logProducts.forEach((gate, products) -> bets.logProducts.put(gate, products.clone()));
    return bets;
  }

  /** A copy of the log product per stake, by gate name. */
  public SortedMap<String, double[]> logProducts() {
    TreeMap<String, double[]> copy = new TreeMap<>();
    logProducts.forEach((gate, products) -> copy.put(gate, products.clone()));
    return copy;
  }

  /** The gate's log e-value so far: the log of its stakes' products' mean; 0 before any bet. */
  public double logEValue(String gate) {
    double[] products = logProducts.get(gate);
    if (products == null) {
      return 0;
    }
    double high = Double.NEGATIVE_INFINITY;
    for (double product : products) {
      high = Math.max(high, product);
    }
    double sum = 0;
    for (double product : products) {
      sum += FastMath.exp(product - high);
    }
    return high + FastMath.log(sum / products.length);
  }

  /**
   * Bets on one window. Call before the window is folded into the rollout's profiles: the
   * directions must not have seen it. A window where either version is silent bets nothing.
   *
   * @param pastCandidate the rollout's candidate profile before this window
   * @param pastBaseline the rollout's baseline profile before this window
   * @param candidate the candidate's records of this window, or null
   * @param baseline the baseline's records of this window, or null
   */
  public void fold(
      DataContract contract,
      DatasetProfile pastCandidate,
      DatasetProfile pastBaseline,
      DatasetProfile candidate,
      DatasetProfile baseline) {
    if (candidate == null || baseline == null) {
      return;
    }
    for (FieldSpec spec : contract.fields()) {
      if (spec.drift().test() == DriftTest.KS) {
        String field = spec.name();
        bet(
            "drift:" + field,
            spec.drift().effectFloor(),
            numeric(
                0,
                pastCandidate.field(field).numeric(),
                pastBaseline.field(field).numeric(),
                candidate.field(field).numeric(),
                baseline.field(field).numeric()));
      }
      for (RateDriftGate gate : spec.rateDrifts()) {
        bet(
            gate.name(),
            gate.floor(),
            rise(gate, pastCandidate, pastBaseline, candidate, baseline));
      }
    }
    for (RateDriftGate gate : contract.rateDrifts()) {
      bet(gate.name(), gate.floor(), rise(gate, pastCandidate, pastBaseline, candidate, baseline));
    }
  }

  /**
   * Bets on one window's values of a numeric outcome in one stage, exposed cohort against control:
   * within a stage the cohorts are split by a hash of the key alone, so if the exposure changes
   * nothing their values are exchangeable, as the versions' records are in a window. Call before
   * the window is merged into the past summaries.
   *
   * @param harmful the sign of a harmful difference in the share of values below a threshold,
   *     exposed minus control (+1: the exposed values are smaller), or 0 for either: only a gap
   *     that way is bet on
   */
  public void foldOutcome(
      String gate,
      double floor,
      int harmful,
      NumericSummary pastExposed,
      NumericSummary pastControl,
      NumericSummary exposed,
      NumericSummary control) {
    bet(gate, floor, numeric(harmful, pastExposed, pastControl, exposed, control));
  }

  /** Forgets every bet: a new rollout's evidence starts at 1. */
  public void clear() {
    logProducts.clear();
  }

  private void bet(String gate, double floor, Hits hits) {
    if (hits == null) {
      return;
    }
    double[] products = logProducts.computeIfAbsent(gate, g -> new double[FLOOR_MULTIPLES.length]);
    // A floor of 0 asks for any difference: bet on one of a point.
    double unit = Math.max(floor, 0.01) / hits.pastVariance();
    for (int i = 0; i < FLOOR_MULTIPLES.length; i++) {
      double stake = Math.min(MAX_STAKE, FLOOR_MULTIPLES[i] * unit);
      products[i] +=
          HypergeometricBet.logEValue(
              hits.candidate(),
              hits.candidateN(),
              hits.all(),
              hits.allN(),
              hits.direction() * stake);
    }
  }

  /**
   * One window's hits, the candidate's and both versions', the direction bet on (+1: the candidate
   * has more) and the variance of a hit as seen before the window.
   */
  private record Hits(
      long candidate, long candidateN, long all, long allN, int direction, double pastVariance) {}

  /**
   * The variance of a hit at the rate seen before the window, {@code hits} of {@code n}; half a hit
   * and half a miss are added so that a rate of 0 or 1 seen so far does not call for an infinite
   * stake.
   */
  private static double pastVariance(long hits, long n) {
    double rate = (hits + 0.5) / (n + 1.0);
    return rate * (1 - rate);
  }

  private static Hits rise(
      RateDriftGate gate,
      DatasetProfile pastCandidate,
      DatasetProfile pastBaseline,
      DatasetProfile candidate,
      DatasetProfile baseline) {
    long hits = Defects.of(gate, candidate);
    return new Hits(
        hits,
        candidate.records(),
        hits + Defects.of(gate, baseline),
        candidate.records() + baseline.records(),
        1,
        pastVariance(
            Defects.of(gate, pastCandidate) + Defects.of(gate, pastBaseline),
            pastCandidate.records() + pastBaseline.records()));
  }

  /**
   * The window's hits on a numeric field: values below the threshold, at the coarser of the
   * threshold's level and the level of the window's values of both versions together. That level
   * depends on the window's values but not on which version each came from, so the bet is still
   * exact given them. Null (no bet) before both versions have values, or before their distribution
   * functions differ in the {@code allowed} direction (0: either).
   */
  private static Hits numeric(
      int allowed,
      NumericSummary pastCandidate,
      NumericSummary pastBaseline,
      NumericSummary candidate,
      NumericSummary baseline) {
    if (pastCandidate.count() == 0
        || pastBaseline.count() == 0
        || candidate.count() == 0
        || baseline.count() == 0) {
      return null;
    }
    Threshold threshold = Threshold.widest(pastCandidate, pastBaseline, allowed);
    if (threshold.direction() == 0) {
      return null;
    }
    NumericSummary both = new NumericSummary(candidate.settings());
    both.merge(candidate);
    both.merge(baseline);
    int level = Math.max(threshold.level(), both.level());
    long cut = threshold.key() >> (level - threshold.level());
    long hits = countAtMost(candidate.bins(level), cut);
    return new Hits(
        hits,
        candidate.count(),
        hits + countAtMost(baseline.bins(level), cut),
        candidate.count() + baseline.count(),
        threshold.direction(),
        pastVariance(threshold.pastHits(), pastCandidate.count() + pastBaseline.count()));
  }

  static long countAtMost(Bins bins, long cut) {
    long count = 0;
    for (int i = 0; i < bins.keys().length && bins.keys()[i] <= cut; i++) {
      count += bins.counts()[i];
    }
    return count;
  }

  /**
   * Where two summaries' distribution functions differ most, at the coarser of their levels: values
   * whose bin key is at most {@code key} are hits, and {@code direction} is +1 where the
   * candidate's distribution function is the higher there, -1 where lower, 0 where they agree
   * everywhere (or nowhere in the {@code allowed} direction); {@code pastHits} values of both were
   * below it, and {@code gap} is the candidate's distribution function minus the baseline's there.
   *
   * @param allowed +1 or -1 to look only for a gap of that sign, 0 for either
   */
  record Threshold(int level, long key, int direction, long pastHits, double gap) {

    static Threshold widest(NumericSummary candidate, NumericSummary baseline, int allowed) {
      int level = Math.max(candidate.level(), baseline.level());
      Bins a = candidate.bins(level);
      Bins b = baseline.bins(level);
      long cum1 = 0;
      long cum2 = 0;
      long bestKey = 0;
      long bestHits = 0;
      double best = 0;
      int i = 0;
      int j = 0;
      // Stop when a side is exhausted: past that key the gap only closes.
      while (i < a.keys().length && j < b.keys().length) {
        long key = Math.min(a.keys()[i], b.keys()[j]);
        if (a.keys()[i] == key) {
          cum1 += a.counts()[i++];
        }
        if (b.keys()[j] == key) {
          cum2 += b.counts()[j++];
        }
        double gap = (double) cum1 / a.total() - (double) cum2 / b.total();
        if (Math.abs(gap) > Math.abs(best) && gap * allowed >= 0) {
          best = gap;
          bestKey = key;
          bestHits = cum1 + cum2;
        }
      }
      return new Threshold(level, bestKey, (int) Math.signum(best), bestHits, best);
    }
  }
}
