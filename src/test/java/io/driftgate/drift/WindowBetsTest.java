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
      WindowBets.Threshold threshold = WindowBets.Threshold.widest(c, b);
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
