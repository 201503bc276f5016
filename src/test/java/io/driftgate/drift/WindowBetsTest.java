package io.driftgate.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identical versions, looked at after every window: a gate's window bets reach 1 / alpha in at most
 * alpha of the rollouts (plus three binomial standard deviations of the simulation), for continuous
 * values far from zero, values with heavy ties, and a null rate; sides of unequal size, as in a
 * rollout. The same bets with their direction taken from the window itself (a peek) exceed alpha by
 * far: the simulation sees the error it guards against.
 */
class WindowBetsTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/validation/validation.wide.yaml"));
  private static final ProfileSettings SETTINGS = ProfileSettings.DEFAULTS;
  private static final double ALPHA = 0.05;
  private static final int ROLLOUTS = 1_000;
  private static final int WINDOWS = 30;
  private static final int CANDIDATE_PER_WINDOW = 60;
  private static final int BASELINE_PER_WINDOW = 240;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"normal far from zero, 31", "heavy ties, 32", "null rate, 33"})
  void identicalVersionsReachOneOverAlphaAtMostAlphaOfTheTime(String shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String gate = shape.equals("null rate") ? "null_rate_drift:balance" : "drift:height";
    DoubleSupplier value =
        switch (shape) {
          case "normal far from zero" -> () -> 1.7e9 + 1_000 * gaussian(random);
          case "heavy ties" -> () -> random.nextDouble() < 0.6 ? 0 : random.nextInt(3);
          default -> () -> random.nextDouble() < 0.3 ? Double.NaN : random.nextDouble();
        };
    int rejected = 0;
    int peeksRejected = 0;
    for (int r = 0; r < ROLLOUTS; r++) {
      WindowBets bets = WindowBets.none();
      DatasetProfile pastCandidate = profile("v2");
      DatasetProfile pastBaseline = profile("v1");
      double peekLogE = 0;
      boolean rejects = false;
      boolean peekRejects = false;
      for (int w = 0; w < WINDOWS; w++) {
        DatasetProfile candidate = window("v2", CANDIDATE_PER_WINDOW, value);
        DatasetProfile baseline = window("v1", BASELINE_PER_WINDOW, value);
        bets.fold(CONTRACT, pastCandidate, pastBaseline, candidate, baseline);
        pastCandidate.merge(candidate);
        pastBaseline.merge(baseline);
        rejects |= bets.logEValue(gate) >= Math.log(1 / ALPHA);
        peekLogE += peek(candidate, baseline, gate);
        peekRejects |= peekLogE >= Math.log(1 / ALPHA);
      }
      rejected += rejects ? 1 : 0;
      peeksRejected += peekRejects ? 1 : 0;
    }
    System.out.printf(
        "window bets, %s: %d of %d A/A rollouts reached 1/alpha; peeking, %d%n",
        shape, rejected, ROLLOUTS, peeksRejected);
    double allowance = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / ROLLOUTS);
    assertThat((double) rejected / ROLLOUTS).isLessThanOrEqualTo(ALPHA + allowance);
    assertThat((double) peeksRejected / ROLLOUTS).isGreaterThan(2 * ALPHA);
  }

  /**
   * Outcome bets, exposed against control in one stage: with no difference they reach 1 / alpha at
   * most alpha of the time, whichever way is harmful; with exposed values shifted up by a fifth of
   * a standard deviation, a gate harmed by an increase finds it in most rollouts and a gate harmed
   * by a decrease no more often than alpha allows (measured: 14, 995 and 4 of 1000 at alpha 5%).
   */
  @Test
  void outcomeBetsHoldAlphaAndBetOnlyTheHarmfulWay() {
    SplittableRandom random = new SplittableRandom(41);
    int[] rejected = new int[3];
    for (int r = 0; r < ROLLOUTS; r++) {
      rejected[0] += outcomeRollout(random, 0, 0) ? 1 : 0;
      rejected[1] += outcomeRollout(random, 0.2, -1) ? 1 : 0;
      rejected[2] += outcomeRollout(random, 0.2, 1) ? 1 : 0;
    }
    System.out.printf(
        "outcome bets of %d rollouts: A/A %d, harmed up %d, harmed down %d%n",
        ROLLOUTS, rejected[0], rejected[1], rejected[2]);
    double allowance = 3 * Math.sqrt(ALPHA * (1 - ALPHA) / ROLLOUTS);
    assertThat((double) rejected[0] / ROLLOUTS).isLessThanOrEqualTo(ALPHA + allowance);
    assertThat(rejected[1]).isGreaterThan(ROLLOUTS * 8 / 10);
    assertThat((double) rejected[2] / ROLLOUTS)
        .as("a harmless shift is no evidence: valid against 'no worse' too")
        .isLessThanOrEqualTo(ALPHA + allowance);
  }

  /** Whether a ks outcome gate's bets reach 1 / alpha in one rollout of whole milliseconds. */
  private static boolean outcomeRollout(SplittableRandom random, double shift, int harmful) {
    WindowBets bets = WindowBets.none();
    NumericSummary pastExposed = new NumericSummary(SETTINGS);
    NumericSummary pastControl = new NumericSummary(SETTINGS);
    for (int w = 0; w < WINDOWS; w++) {
      NumericSummary exposed = new NumericSummary(SETTINGS);
      NumericSummary control = new NumericSummary(SETTINGS);
      for (int i = 0; i < CANDIDATE_PER_WINDOW; i++) {
        exposed.add(Math.rint(100 + 15 * (gaussian(random) + shift)));
      }
      for (int i = 0; i < BASELINE_PER_WINDOW; i++) {
        control.add(Math.rint(100 + 15 * gaussian(random)));
      }
      bets.foldOutcome(
          "outcome:latency", 0.05, harmful, pastExposed, pastControl, exposed, control);
      pastExposed.merge(exposed);
      pastControl.merge(control);
      if (bets.logEValue("outcome:latency") >= Math.log(1 / ALPHA)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aRestoredLedgerBetsAsTheOriginal() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    WindowBets bets = WindowBets.none();
    DatasetProfile pastCandidate = profile("v2");
    DatasetProfile pastBaseline = profile("v1");
    for (int w = 0; w < 5; w++) {
      DatasetProfile candidate = window("v2", 300, () -> 100 + 15 * gaussian(random) + 3);
      DatasetProfile baseline = window("v1", 300, () -> 100 + 15 * gaussian(random));
      bets.fold(CONTRACT, pastCandidate, pastBaseline, candidate, baseline);
      pastCandidate.merge(candidate);
      pastBaseline.merge(baseline);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(bets);
    }
    WindowBets restored;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (WindowBets) in.readObject();
    }
    assertThat(bets.logEValue("drift:height")).isGreaterThan(0);
    assertThat(restored.logEValue("drift:height")).isEqualTo(bets.logEValue("drift:height"));
    assertThat(restored.logEValue("null_rate_drift:balance"))
        .isEqualTo(bets.logEValue("null_rate_drift:balance"));
  }

  /**
   * The invalid bet: at the threshold where this window's own distribution functions differ most,
   * in their direction, with the mixture's middle stake. It sees the window before betting on it.
   */
  private static double peek(DatasetProfile candidate, DatasetProfile baseline, String gate) {
    long hits;
    long allHits;
    long n = candidate.field("height").numeric().count();
    long all = n + baseline.field("height").numeric().count();
    int direction;
    if (gate.startsWith("null")) {
      n = candidate.records();
      all = n + baseline.records();
      hits = candidate.field("balance").nulls();
      allHits = hits + baseline.field("balance").nulls();
      direction = Long.signum(hits * all - allHits * n);
    } else {
      NumericSummary c = candidate.field("height").numeric();
      NumericSummary b = baseline.field("height").numeric();
      WindowBets.Threshold threshold = WindowBets.Threshold.widest(c, b, 0);
      hits = WindowBets.countAtMost(c.bins(threshold.level()), threshold.key());
      allHits = hits + WindowBets.countAtMost(b.bins(threshold.level()), threshold.key());
      direction = threshold.direction();
    }
    return HypergeometricBet.logEValue(hits, n, allHits, all, direction * 0.5);
  }

  private static DatasetProfile profile(String version) {
    return DatasetProfile.forContract(CONTRACT, version, SETTINGS);
  }

  /** A window of {@code n} records whose height and balance are drawn from {@code value}. */
  private static DatasetProfile window(String version, int n, DoubleSupplier value) {
    DatasetProfile profile = profile(version);
    for (int i = 0; i < n; i++) {
      profile.recordObserved(0, 0, false);
      profile.field("height").addNumber(nonNull(value));
      double balance = value.getAsDouble();
      if (Double.isNaN(balance)) {
        profile.field("balance").addNull();
      } else {
        profile.field("balance").addNumber(balance);
      }
    }
    return profile;
  }

  private static double nonNull(DoubleSupplier value) {
    double v = value.getAsDouble();
    return Double.isNaN(v) ? 0.5 : v;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
