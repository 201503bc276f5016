package io.driftgate.gate;

import io.driftgate.bench.DdSketchSummary;
import io.driftgate.contract.DriftCheck;
import io.driftgate.drift.AlphaBudget;
import io.driftgate.drift.ConfidenceBand;
import io.driftgate.drift.DdSketchKs;
import io.driftgate.drift.Verdict;
import io.driftgate.gate.ValidationTable.Change;
import io.driftgate.gate.ValidationTable.Outcome;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.KolmogorovSmirnov;

/**
 * Four numeric drift rules side by side on the same records of one field per seeded rollout of the
 * validation table: driftgate's rule in a real rollout through {@link DatasetGate} (the slow plan
 * of {@link GateValidationTest}), the rule before issue 9, a fixed-sample KS test on each window
 * alone, and DataSketches' KS test on pooled KLL sketches. The gate's figures are what a user sees
 * (rollbacks, after the plan's two consecutive breaching evaluations); the other rules are counted
 * at their first breach, the most favourable reading for them.
 *
 * <p>Run: {@code ./mvnw -B -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.driftgate.gate.RuleComparison} ({@code -DaaRollouts}, {@code -DdriftRollouts}
 * for the rollouts per scenario). Results go in docs/benchmarks.md.
 */
public final class RuleComparison {

  private static final int AA_ROLLOUTS = Integer.getInteger("aaRollouts", 200);
  private static final int DRIFT_ROLLOUTS = Integer.getInteger("driftRollouts", 100);
  private static final int PER_WINDOW = 300;
  private static final int AA_WINDOWS = 40;

  /** The most candidate records any scenario looks at: the medians are taken within it. */
  private static final int HORIZON_RECORDS = 25_000;

  private static final double FLOOR = DriftCheck.DEFAULT_KS_FLOOR;
  private static final double ALPHA = AlphaBudget.perGate(ValidationTable.CONTRACT);

  /** The budget before issue 9: 1% split over the 47 gates of the time and the 5 stages. */
  private static final double PREVIOUS_ALPHA = 0.01 / (47 * 5);

  /** The records per side of each of {@link GateValidationTest#SLOW_PLAN}'s stages. */
  private static final long STAGE_RECORDS = 10_000;

  // The table's columns, left to right.
  private static final int GATE = 0;
  private static final int PREVIOUS = 1;
  private static final int WINDOW_KS = 2;
  private static final int KLL_KS = 3;
  private static final int RULES = 4;

  private static final DecimalFormat PERCENT = new DecimalFormat("0.#");
  private static final DecimalFormat RECORDS = new DecimalFormat("#,##0");

  private RuleComparison() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    System.out.printf(
        "alpha per gate %.3g (previous rule %.3g); %d A/A rollouts per field over %,d records;"
            + " %d rollouts per drift%n%n",
        ALPHA, PREVIOUS_ALPHA, AA_ROLLOUTS, AA_WINDOWS * PER_WINDOW, DRIFT_ROLLOUTS);
    System.out.println(
        "| scenario | driftgate now (through DatasetGate) | previous rule (DDSketch, HR band,"
            + " per stage) | fixed-sample KS per window | DataSketches KS (KLL k=200) |");
    System.out.println("|---|---|---|---|---|");
    for (String field : List.of("height", "created_epoch")) {
      falseAlarms(field);
    }
    for (String field : List.of("height", "created_epoch")) {
      detection(new Change.Shift(field, 0.06), 10_000, HORIZON_RECORDS);
    }
    for (String field : List.of("height", "created_epoch")) {
      detection(new Change.Shift(field, 0.10), 4_000);
    }
    System.out.println();
    thresholds();
    System.out.printf("%nran %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** A/A rollouts: the share each rule breached, and the previous rule's share left undecided. */
  private static void falseAlarms(String field) {
    List<Trace> traces = traces(new Change.None(), field, 1_000L, AA_ROLLOUTS, AA_WINDOWS);
    String[] cells = new String[RULES];
    for (int rule = 0; rule < RULES; rule++) {
      int r = rule;
      cells[rule] = percent(traces, t -> t.breachedWithin(r, AA_WINDOWS));
    }
    cells[GATE] += " (by any gate " + percent(traces, t -> t.gate().rolledBack()) + ")";
    cells[PREVIOUS] += " (stalled " + percent(traces, t -> t.stalledAt(AA_WINDOWS)) + ")";
    row(
        String.format(
            "A/A `%s`, %,d records: rolled back (false alarms)", field, AA_WINDOWS * PER_WINDOW),
        cells);
  }

  /**
   * Drifted rollouts, one row per budget: the share each rule breached within that many candidate
   * records, and the records by which half the rollouts had breached.
   */
  private static void detection(Change.Shift shift, int... budgets) {
    List<Trace> traces =
        traces(shift, shift.field(), 7_000L, DRIFT_ROLLOUTS, HORIZON_RECORDS / PER_WINDOW);
    for (int budget : budgets) {
      int windows = budget / PER_WINDOW;
      String[] cells = new String[RULES];
      for (int rule = 0; rule < RULES; rule++) {
        int r = rule;
        cells[rule] =
            percent(traces, t -> t.breachedWithin(r, windows))
                + " (median "
                + median(traces, r)
                + ")";
      }
      cells[PREVIOUS] += ", stalled " + percent(traces, t -> t.stalledAt(windows));
      row(
          String.format("`%s` D=%.2f, within %,d records", shift.field(), shift.d(), budget),
          cells);
    }
  }

  /** The seeded rollouts of one scenario, each judged by every rule; the seeds of the test. */
  private static List<Trace> traces(
      Change change, String field, long firstSeed, int rollouts, int windows) {
    // Each rollout has its own seed, so running them in parallel changes no outcome.
    return IntStream.range(0, rollouts)
        .parallel()
        .mapToObj(r -> trace(firstSeed + r, change, field, windows))
        .toList();
  }

  private static Trace trace(long seed, Change change, String field, int windows) {
    Judges judges = new Judges(windows);
    Outcome outcome =
        ValidationTable.rollout(
            seed, change, PER_WINDOW, windows, GateValidationTest.SLOW_PLAN, field, judges);
    boolean drift = outcome.rolledBack() && outcome.breached().contains("drift:" + field);
    judges.firstBreach[GATE] = drift ? outcome.windows() : 0;
    return new Trace(outcome, judges.firstBreach, judges.stalled);
  }

  /**
   * One rollout: how the gate ended it, each rule's first breaching window (from 1; 0 for none; the
   * gate's is its rollback by the field's drift gate), and after which windows the previous rule
   * was inconclusive.
   */
  private record Trace(Outcome gate, int[] firstBreach, boolean[] stalled) {
    boolean breachedWithin(int rule, int windows) {
      return firstBreach[rule] > 0 && firstBreach[rule] <= windows;
    }

    /** Neither breached nor able to pass: the stage the previous rule would have held. */
    boolean stalledAt(int windows) {
      return !breachedWithin(PREVIOUS, windows) && stalled[windows - 1];
    }
  }

  /**
   * The three rules beside the gate, fed each window's values as the rollout hands them over, and
   * evaluated after every window as the gate is.
   */
  private static final class Judges implements BiConsumer<double[], double[]> {
    private final PreviousRule previous = new PreviousRule();
    private final WindowKs windowKs = new WindowKs();
    private final KllKs kllKs = new KllKs();
    private final int[] firstBreach = new int[RULES];
    private final boolean[] stalled;
    private int window;

    Judges(int windows) {
      stalled = new boolean[windows];
    }

    @Override
    public void accept(double[] baseline, double[] candidate) {
      window++;
      Verdict previousVerdict = previous.after(baseline, candidate);
      stalled[window - 1] = previousVerdict == Verdict.INCONCLUSIVE;
      note(PREVIOUS, previousVerdict);
      note(WINDOW_KS, windowKs.after(baseline, candidate));
      note(KLL_KS, kllKs.after(baseline, candidate));
    }

    private void note(int rule, Verdict verdict) {
      if (verdict == Verdict.BREACH && firstBreach[rule] == 0) {
        firstBreach[rule] = window;
      }
    }
  }

  /**
   * The rule before issue 9: DDSketch summaries, KS distance bounds, the Howard–Ramdas band at the
   * old budget. Profiles restarted at every stage; a stage advanced only on a pass after its
   * records, so an inconclusive stage held and its profiles kept growing.
   */
  private static final class PreviousRule {
    private DdSketchSummary baseline = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);
    private DdSketchSummary candidate = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);

    Verdict after(double[] baselineValues, double[] candidateValues) {
      Arrays.stream(baselineValues).forEach(baseline::add);
      Arrays.stream(candidateValues).forEach(candidate::add);
      DdSketchKs d = DdSketchKs.between(candidate, baseline);
      double margin =
          ConfidenceBand.twoSampleRadius(candidate.count(), baseline.count(), PREVIOUS_ALPHA);
      Verdict verdict =
          d.distance() > margin && d.distance() >= FLOOR
              ? Verdict.BREACH
              : d.upperBound() > margin && d.upperBound() >= FLOOR
                  ? Verdict.INCONCLUSIVE
                  : Verdict.PASS;
      if (verdict == Verdict.PASS && candidate.count() >= STAGE_RECORDS) {
        baseline = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);
        candidate = new DdSketchSummary(DdSketchSummary.Settings.DEFAULTS);
      }
      return verdict;
    }
  }

  /**
   * Commons Math's KS test on each window's raw values alone, at the current per-gate budget: exact
   * data, but a fixed-sample p-value spent again at every look.
   */
  private static final class WindowKs {
    private final KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();

    Verdict after(double[] baseline, double[] candidate) {
      double d = test.kolmogorovSmirnovStatistic(candidate, baseline);
      // What kolmogorovSmirnovTest(x, y) returns at 300 × 300 (n·m ≥ 10,000), D kept for the floor.
      double p = test.approximateP(d, candidate.length, baseline.length);
      return p < ALPHA && d >= FLOOR ? Verdict.BREACH : Verdict.PASS;
    }
  }

  /** DataSketches' KS test on KLL sketches (k = 200) of the whole rollout, at the same budget. */
  private static final class KllKs {
    private final KllDoublesSketch baseline = KllDoublesSketch.newHeapInstance(200);
    private final KllDoublesSketch candidate = KllDoublesSketch.newHeapInstance(200);

    Verdict after(double[] baselineValues, double[] candidateValues) {
      Arrays.stream(baselineValues).forEach(baseline::update);
      Arrays.stream(candidateValues).forEach(candidate::update);
      return KolmogorovSmirnov.kolmogorovSmirnovTest(candidate, baseline, ALPHA)
          ? Verdict.BREACH
          : Verdict.PASS;
    }
  }

  /**
   * The distance each pooled rule needs at a few records per side, on seeded identical normals:
   * DataSketches' threshold is computed from the retained items and the sketches' rank error, not
   * from n, so it is worth seeing beside the bands, which shrink with n.
   */
  private static void thresholds() {
    SplittableRandom random = new SplittableRandom(1);
    KllDoublesSketch baseline = KllDoublesSketch.newHeapInstance(200);
    KllDoublesSketch candidate = KllDoublesSketch.newHeapInstance(200);
    int n = 0;
    for (int size : new int[] {300, 3_000, 12_000, 24_900}) {
      for (; n < size; n++) {
        baseline.update(random.nextGaussian());
        candidate.update(random.nextGaussian());
      }
      System.out.printf(
          "%,d per side: DataSketches KS threshold %.3f; driftgate band %.3f; previous band %.3f%n",
          n,
          KolmogorovSmirnov.computeKSThreshold(candidate, baseline, ALPHA),
          ConfidenceBand.twoSampleRadius(n, n, ALPHA / 2),
          ConfidenceBand.twoSampleRadius(n, n, PREVIOUS_ALPHA));
    }
  }

  private static String percent(List<Trace> traces, Predicate<Trace> counted) {
    return PERCENT.format(100.0 * traces.stream().filter(counted).count() / traces.size()) + "%";
  }

  /**
   * The candidate records by which half the rollouts had breached: rollouts that never did count as
   * beyond the horizon, so a rule that catches fewer than half has no median within it.
   */
  private static String median(List<Trace> traces, int rule) {
    int[] windows =
        traces.stream()
            .mapToInt(t -> t.firstBreach[rule] == 0 ? Integer.MAX_VALUE : t.firstBreach[rule])
            .sorted()
            .toArray();
    int half = windows[(windows.length - 1) / 2];
    return half == Integer.MAX_VALUE
        ? "> " + RECORDS.format(HORIZON_RECORDS)
        : RECORDS.format((long) half * PER_WINDOW);
  }

  private static void row(String scenario, String[] cells) {
    System.out.println("| " + scenario + " | " + String.join(" | ", cells) + " |");
  }
}
