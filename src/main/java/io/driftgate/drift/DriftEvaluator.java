package io.driftgate.drift;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftCheck;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.LogicalType;
import io.driftgate.contract.QualityGate;
import io.driftgate.contract.QualityMetric;
import io.driftgate.contract.RateDriftGate;
import io.driftgate.profile.CategorySummary;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.DistinctSummary;
import io.driftgate.profile.FieldProfile;
import io.driftgate.profile.NumericSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every gate of a contract on a candidate's profile against its baseline's.
 *
 * <p>The rule: a drift gate breaches only when the difference is significant under a test valid at
 * every sample size (a band for numbers, an e-process for categories: evaluating every window costs
 * no extra false alarms) and at least the field's effect floor (so huge samples do not roll back
 * trivia); an unseen-category gate when new categories are significant and their share exceeds the
 * baseline's own rate of new categories by its floor. A quality gate breaches when its sequential
 * rate test rejects "rate within bound"; a rate-drift gate, like a drift gate, when its two-sample
 * test rejects "no worse than the baseline" and the rise is at least its floor. Each gate spends an
 * equal share of the contract's false-rollback rate ({@link AlphaBudget}).
 */
public final class DriftEvaluator {

  /** The method of a categorical field's gates when its baseline is id-like: they never breach. */
  static final String ID_LIKE = "id-like";

  private DriftEvaluator() {}

  /** An evaluation of pooled evidence alone, with no window bets: a single look, or a test's. */
  public static Evaluation evaluate(
      DataContract contract,
      DatasetProfile candidate,
      DatasetProfile baseline,
      Instant windowStart,
      Instant windowEnd) {
    return evaluate(contract, candidate, baseline, WindowBets.none(), windowStart, windowEnd);
  }

  /**
   * Judges every gate on the rollout's pooled profiles and, for the two-sample gates that bet, the
   * rollout's window bets: such a gate has two tests, each at half its share of alpha.
   */
  public static Evaluation evaluate(
      DataContract contract,
      DatasetProfile candidate,
      DatasetProfile baseline,
      WindowBets bets,
      Instant windowStart,
      Instant windowEnd) {
    double alpha = AlphaBudget.perGate(contract);
    Window window = new Window(windowStart, windowEnd, alpha, bets);
    List<GateResult> results = new ArrayList<>();
    for (FieldSpec spec : contract.fields()) {
      DriftCheck check = spec.drift();
      FieldProfile cand = candidate.field(spec.name());
      FieldProfile base = baseline.field(spec.name());
      switch (check.test()) {
        case KS -> results.add(ks(spec, cand.numeric(), base.numeric(), window));
        case CHI2, PSI ->
            results.addAll(categorical(spec, cand.categories(), base.categories(), window));
        case NONE -> {}
      }
      for (QualityGate gate : spec.gates()) {
        results.add(
            rate(
                gate,
                Defects.inField(gate.metric(), cand, gate.name()),
                candidate.records(),
                window));
      }
      for (RateDriftGate gate : spec.rateDrifts()) {
        results.add(
            rateDrift(
                gate,
                Defects.inField(gate.metric(), cand, gate.name()),
                candidate.records(),
                Defects.inField(gate.metric(), base, gate.name()),
                baseline.records(),
                window));
      }
    }
    for (QualityGate gate : contract.gates()) {
      results.add(
          gate.metric() == QualityMetric.DUPLICATE_RATE
              ? duplicates(gate, contract, candidate, window)
              : rate(
                  gate,
                  Defects.inDataset(gate.metric(), candidate, gate.name()),
                  candidate.records(),
                  window));
    }
    for (RateDriftGate gate : contract.rateDrifts()) {
      results.add(
          rateDrift(
              gate,
              Defects.inDataset(gate.metric(), candidate, gate.name()),
              candidate.records(),
              Defects.inDataset(gate.metric(), baseline, gate.name()),
              baseline.records(),
              window));
    }
    return new Evaluation(
        contract.dataset(),
        candidate.version(),
        baseline.version(),
        windowStart,
        windowEnd,
        candidate.records(),
        baseline.records(),
        results);
  }

  /** The evaluation window and each gate's share of alpha: what every gate's evidence repeats. */
  private record Window(Instant start, Instant end, double alpha, WindowBets bets) {

    /** The gate's log e-value from the rollout's window bets: 0 when it has none. */
    double logBets(String gate) {
      return bets.logEValue(gate);
    }

    Evidence evidence(
        String method,
        double statistic,
        double threshold,
        double margin,
        double pValue,
        double fixedSamplePValue,
        double sketchError,
        long candidateCount,
        long baselineCount) {
      return new Evidence(
          method,
          statistic,
          threshold,
          margin,
          pValue,
          fixedSamplePValue,
          sketchError,
          alpha,
          candidateCount,
          baselineCount,
          start,
          end);
    }
  }

  private static GateResult ks(
      FieldSpec spec, NumericSummary cand, NumericSummary base, Window window) {
    String gate = "drift:" + spec.name();
    long n1 = cand.count();
    long n2 = base.count();
    DriftCheck check = spec.drift();
    if (n1 == 0 || n2 == 0) {
      return noData(gate, spec.name(), check.critical(), check.effectFloor(), n1, n2, window);
    }
    KsDistance d = KsDistance.between(cand, base, spec.type() == LogicalType.INTEGER);
    // Two tests at half the gate's alpha each: the band on the pooled distance, the window bets.
    double margin = ConfidenceBand.twoSampleRadius(n1, n2, window.alpha() / 2);
    double logBets = window.logBets(gate);
    boolean betsReject = logBets >= Math.log(2 / window.alpha());
    Verdict verdict =
        (betsReject || d.distance() > margin) && d.distance() >= check.effectFloor()
            ? Verdict.BREACH
            : (betsReject || d.upperBound() > margin) && d.upperBound() >= check.effectFloor()
                ? Verdict.INCONCLUSIVE
                : Verdict.PASS;
    double pValue =
        Math.min(
            1,
            2
                * Math.min(
                    ConfidenceBand.twoSamplePValue(d.distance(), n1, n2),
                    RateDriftTest.pValue(logBets)));
    Evidence evidence =
        window.evidence(
            d.exact() ? "ks-exact" : "ks-binned",
            d.distance(),
            check.effectFloor(),
            margin,
            pValue,
            d.fixedSamplePValue(),
            d.sketchError(),
            n1,
            n2);
    return new GateResult(gate, spec.name(), verdict, check.critical(), evidence);
  }

  private static List<GateResult> categorical(
      FieldSpec spec, CategorySummary cand, CategorySummary base, Window window) {
    String gate = "drift:" + spec.name();
    String unseenGate = "unseen:" + spec.name();
    DriftCheck check = spec.drift();
    double unseenMax =
        check.test() == DriftTest.CHI2 ? check.effectFloor() : DriftCheck.DEFAULT_TV_FLOOR;
    long n1 = cand.total();
    long n2 = base.total();
    if (n1 == 0 || n2 == 0) {
      return List.of(
          noData(gate, spec.name(), check.critical(), check.effectFloor(), n1, n2, window),
          noData(unseenGate, spec.name(), check.critical(), unseenMax, n1, n2, window));
    }
    CategoryTable table = CategoryTable.of(cand, base);
    CategoricalDistance d = CategoricalDistance.of(table);
    CategoricalEValue e = CategoricalEValue.of(table);
    Novelty novelty = Novelty.of(table);
    // An id-like field's shares and new values describe its sampling, not its distribution.
    boolean idLike = novelty.idLike();
    double rejectAt = -Math.log(window.alpha());
    boolean chi2 = check.test() == DriftTest.CHI2;
    double effect = chi2 ? d.totalVariation() : d.psi();
    Verdict verdict =
        !idLike && e.logDrift() >= rejectAt && effect >= check.effectFloor()
            ? Verdict.BREACH
            : Verdict.PASS;
    Evidence evidence =
        window.evidence(
            idLike ? ID_LIKE : chi2 ? "chi2-e-process" : "psi-e-process",
            effect,
            check.effectFloor(),
            Double.NaN,
            RateDriftTest.pValue(e.logDrift()),
            d.chiSquarePValue(),
            0.0,
            n1,
            n2);
    Verdict unseenVerdict =
        !idLike && e.logNovelty() >= rejectAt && novelty.excess() >= unseenMax
            ? Verdict.BREACH
            : Verdict.PASS;
    Evidence unseenEvidence =
        window.evidence(
            idLike ? ID_LIKE : "novelty-e-process",
            novelty.excess(),
            unseenMax,
            Double.NaN,
            RateDriftTest.pValue(e.logNovelty()),
            Double.NaN,
            0.0,
            n1,
            n2);
    return List.of(
        new GateResult(gate, spec.name(), verdict, check.critical(), evidence),
        new GateResult(unseenGate, spec.name(), unseenVerdict, check.critical(), unseenEvidence));
  }

  private static GateResult duplicates(
      QualityGate gate, DataContract contract, DatasetProfile candidate, Window window) {
    GateResult worst = null;
    double worstLower = -1;
    for (FieldSpec spec : contract.fields()) {
      if (!spec.unique()) {
        continue;
      }
      FieldProfile field = candidate.field(spec.name());
      DistinctSummary distinct = field.distinct();
      long keys = candidate.records() - field.nulls();
      if (keys <= 0) {
        continue;
      }
      double estimate = Math.max(0, keys - distinct.estimate()) / keys;
      double lower = Math.max(0, keys - distinct.upperBound()) / keys;
      if (lower > worstLower) {
        worstLower = lower;
        Evidence evidence =
            window.evidence(
                "hll-bound:" + spec.name(),
                estimate,
                gate.max(),
                estimate - lower,
                Double.NaN,
                Double.NaN,
                0.0,
                keys,
                0);
        Verdict verdict = lower > gate.max() ? Verdict.BREACH : Verdict.PASS;
        worst = new GateResult(gate.name(), spec.name(), verdict, gate.critical(), evidence);
      }
    }
    return worst != null
        ? worst
        : noData(gate.name(), null, gate.critical(), gate.max(), 0, 0, window);
  }

  private static GateResult rate(QualityGate gate, long hits, long n, Window window) {
    if (n == 0) {
      return noData(gate.name(), gate.field(), gate.critical(), gate.max(), n, 0, window);
    }
    double e = RateTest.eValue(hits, n, gate.max());
    Verdict verdict = e >= 1 / window.alpha() ? Verdict.BREACH : Verdict.PASS;
    Evidence evidence =
        window.evidence(
            "rate-e-process",
            (double) hits / n,
            gate.max(),
            Double.NaN,
            RateTest.pValue(e),
            Double.NaN,
            0.0,
            n,
            0);
    return new GateResult(gate.name(), gate.field(), verdict, gate.critical(), evidence);
  }

  private static GateResult rateDrift(
      RateDriftGate gate,
      long candidateHits,
      long candidateN,
      long baselineHits,
      long baselineN,
      Window window) {
    if (candidateN == 0 || baselineN == 0) {
      return noData(
          gate.name(), gate.field(), gate.critical(), gate.floor(), candidateN, baselineN, window);
    }
    // As for the distribution gates: significant ("worse at all", an e-process) and at least the
    // floor (observed), so that large samples do not roll back a trivial rise. The e-process is
    // a weighted mean of the window bets' and the pooled test's (a mean of e-processes is one);
    // the pooled test mostly serves a baseline that spoke only through its reference profile.
    double logE =
        logMean(
            window.logBets(gate.name()),
            RateDriftTest.logEValue(candidateHits, candidateN, baselineHits, baselineN, 0));
    double rise = (double) candidateHits / candidateN - (double) baselineHits / baselineN;
    Verdict verdict =
        logE >= -Math.log(window.alpha()) && rise >= gate.floor() ? Verdict.BREACH : Verdict.PASS;
    Evidence evidence =
        window.evidence(
            "rate-drift-e-process",
            rise,
            gate.floor(),
            Double.NaN,
            RateDriftTest.pValue(logE),
            Double.NaN,
            0.0,
            candidateN,
            baselineN);
    return new GateResult(gate.name(), gate.field(), verdict, gate.critical(), evidence);
  }

  /** The window bets' weight in a rate-drift gate's e-value; the pooled test has the rest. */
  static final double BETS_WEIGHT = 0.9;

  /** log(w e^bets + (1 - w) e^pooled), without overflow. */
  private static double logMean(double bets, double pooled) {
    double a = bets + Math.log(BETS_WEIGHT);
    double b = pooled + Math.log1p(-BETS_WEIGHT);
    double high = Math.max(a, b);
    return high + Math.log1p(Math.exp(Math.min(a, b) - high));
  }

  private static GateResult noData(
      String gate,
      String field,
      boolean critical,
      double threshold,
      long n1,
      long n2,
      Window window) {
    Evidence evidence =
        window.evidence("none", Double.NaN, threshold, Double.NaN, 1.0, Double.NaN, 0.0, n1, n2);
    return new GateResult(gate, field, Verdict.NO_DATA, critical, evidence);
  }
}
