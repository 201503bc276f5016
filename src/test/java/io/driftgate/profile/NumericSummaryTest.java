package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.profile.NumericSummary.Bins;
import io.driftgate.profile.NumericSummary.ValueCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The adaptive-precision lattice: its level, its bins, and that it holds the multiset. */
class NumericSummaryTest {

  private static final ProfileSettings SETTINGS = ProfileSettings.DEFAULTS;
  private static final int BINS = SETTINGS.numericBins();

  @Test
  void orderKeysOrderLikeTheValuesAndMapBack() {
    SplittableRandom random = new SplittableRandom(7);
    double[] values = new double[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (i % 5) {
            case 0 -> random.nextGaussian();
            case 1 -> -Math.pow(10, random.nextDouble(-300, 300));
            case 2 -> Math.pow(10, random.nextDouble(-300, 300));
            case 3 -> Double.MIN_VALUE * random.nextInt(-5, 6);
            default -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
          };
    }
    for (int i = 1; i < values.length; i++) {
      double a = values[i - 1];
      double b = values[i];
      assertThat(Long.signum(Long.compare(NumericSummary.orderKey(a), NumericSummary.orderKey(b))))
          .as("%s vs %s", a, b)
          .isEqualTo((int) Math.signum(Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b)));
      assertThat(NumericSummary.valueOf(NumericSummary.orderKey(b))).isEqualTo(b == 0 ? 0.0 : b);
    }
    assertThat(NumericSummary.orderKey(-0.0)).isEqualTo(NumericSummary.orderKey(0.0));
  }

  @Test
  void fewDistinctValuesAreCountedExactlyAtAnySampleSize() {
    NumericSummary ages = new NumericSummary(SETTINGS);
    SplittableRandom random = new SplittableRandom(1);
    long[] expected = new long[96];
    for (int i = 0; i < 200_000; i++) {
      int age = random.nextInt(18, 96);
      expected[age]++;
      ages.add(age);
    }
    assertThat(ages.isExact()).isTrue();
    ValueCounts counts = ages.valueCounts();
    assertThat(counts.values()).hasSize(78).isSorted();
    for (int i = 0; i < counts.values().length; i++) {
      assertThat(counts.counts()[i]).isEqualTo(expected[(int) counts.values()[i]]);
    }
    assertThat(counts.total()).isEqualTo(200_000);
  }

  @Test
  void theLevelIsTheFinestAtWhichTheValuesFitTheBins() {
    SplittableRandom random = new SplittableRandom(2);
    double[] values = new double[50_000];
    NumericSummary summary = new NumericSummary(SETTINGS);
    for (int i = 0; i < values.length; i++) {
      values[i] = 1.7e9 + 1000 * random.nextGaussian();
      summary.add(values[i]);
      if (i == BINS - 1) {
        assertThat(summary.isExact()).as("%d distinct values are exact", BINS).isTrue();
      }
    }
    int level = summary.level();
    assertThat(level).isPositive();
    assertThat(bruteForce(values, level)).hasSizeLessThanOrEqualTo(BINS);
    assertThat(bruteForce(values, level - 1)).hasSizeGreaterThan(BINS);
    Bins bins = summary.bins();
    TreeMap<Long, Long> expected = bruteForce(values, level);
    assertThat(bins.keys()).containsExactly(expected.keySet().stream().mapToLong(k -> k).toArray());
    assertThat(bins.counts())
        .containsExactly(expected.values().stream().mapToLong(c -> c).toArray());
    assertThat(bins.total()).isEqualTo(values.length);
  }

  @Test
  void binsFollowTheSpreadNotTheMagnitude() {
    // An epoch-like field: sd 1000 around 1.7e9. Relative-width bins (1% of |x|) would be 17e6
    // wide.
    SplittableRandom random = new SplittableRandom(3);
    NumericSummary epoch = new NumericSummary(SETTINGS);
    NumericSummary nearZero = new NumericSummary(SETTINGS);
    for (int i = 0; i < 1_000_000; i++) {
      double z = random.nextGaussian();
      epoch.add(1.7e9 + 1000 * z);
      nearZero.add(100 + 15 * z);
    }
    assertThat(widestBinWithin(epoch, 1.7e9 - 3000, 1.7e9 + 3000)).isLessThan(1000 / 100.0);
    assertThat(widestBinWithin(nearZero, 55, 145)).isLessThan(15 / 100.0);
    assertThat(epoch.count()).isEqualTo(1_000_000);
  }

  @Test
  void mergingInAnySplitGivesTheSummaryOfTheWhole() throws IOException {
    SplittableRandom random = new SplittableRandom(4);
    NumericSummary whole = new NumericSummary(SETTINGS);
    NumericSummary[] parts = {
      new NumericSummary(SETTINGS), new NumericSummary(SETTINGS), new NumericSummary(SETTINGS)
    };
    for (int i = 0; i < 60_000; i++) {
      // Part 0 stays exact, part 1 is coarse, part 2 in between.
      int part = i < 500 ? 0 : 1 + random.nextInt(2);
      double value = part == 0 ? random.nextInt(0, 50) : Math.exp(random.nextGaussian() * 3);
      parts[part].add(value);
      whole.add(value);
    }
    assertThat(parts[0].isExact()).isTrue();
    parts[0].merge(parts[1]);
    parts[2].merge(parts[0]);
    assertThat(bytes(parts[2])).isEqualTo(bytes(whole));
  }

  @Test
  void serializesCanonicallyAndRoundTrips() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    NumericSummary summary = new NumericSummary(SETTINGS);
    for (int i = 0; i < 100_000; i++) {
      summary.add(random.nextGaussian() * 1e-3 - 5);
    }
    byte[] bytes = bytes(summary);
    NumericSummary copy = read(bytes);
    assertThat(copy.level()).isEqualTo(summary.level());
    assertThat(copy.count()).isEqualTo(100_000);
    assertThat(bytes(copy)).isEqualTo(bytes);
    copy.add(3.0);
    summary.add(3.0);
    assertThat(bytes(copy)).isEqualTo(bytes(summary));
    // Neighbouring bins are a few keys apart: a few bytes a bin.
    assertThat(bytes.length).isLessThan(5 * summary.bins().keys().length + 16);
  }

  @Test
  void nonCanonicalBinsAreRejected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(3); // level
    out.writeByte(2); // bins
    out.writeByte(10); // first key, zigzag: 5
    out.writeByte(1); // count
    out.writeByte(0); // a gap of 0: the same key again
    out.writeByte(1);
    assertThatThrownBy(() -> read(bytes.toByteArray()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not canonical");
  }

  @Test
  void quantileUpperBoundIsTheQuantileWhileExactAndAboveItWhenBinned() {
    NumericSummary exact = new NumericSummary(SETTINGS);
    for (int i = 1; i <= 100; i++) {
      exact.add(i);
    }
    assertThat(exact.quantileUpperBound(0.99)).isEqualTo(99.0);
    NumericSummary binned = new NumericSummary(SETTINGS);
    double[] values = new double[100_000];
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 60_000;
      binned.add(values[i]);
    }
    Arrays.sort(values);
    assertThat(binned.quantileUpperBound(0.99)).isGreaterThanOrEqualTo(values[98_999]);
  }

  @Test
  void addingDoesNotAllocatePerValue() {
    NumericSummary summary = new NumericSummary(SETTINGS);
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < 100_000; i++) {
      summary.add(random.nextGaussian());
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200_000; i++) {
      summary.add(i % 90 + 0.5);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // Boxing one value would take 16 bytes: 3.2 MB here.
    assertThat(allocated).isLessThan(64 * 1024);
  }

  /**
   * A summary folds its buffer into its bins when the buffer is full, when it is read and when it
   * merges, so the same values meet the bins in different batches depending on reads, merges and
   * the bin limit. Every schedule must give the canonical form of the multiset, computed here by
   * brute force from all the values: small and large bin limits, spikes, wide and narrow spreads,
   * reads, round trips through bytes and merges in the middle.
   */
  @Test
  void anyFoldScheduleGivesTheCanonicalFormOfTheMultiset() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 300; trial++) {
      ProfileSettings settings =
          new ProfileSettings(random.nextBoolean() ? 16 : random.nextInt(16, 300), 128, 256, 12);
      NumericSummary once = new NumericSummary(settings);
      NumericSummary readOften = new NumericSummary(settings);
      NumericSummary mergedInHalves = new NumericSummary(settings);
      NumericSummary half = new NumericSummary(settings);
      int n = random.nextInt(0, 3_000);
      int roundTripAt = random.nextInt(0, n + 1);
      int shape = random.nextInt(4);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] =
            switch (shape) {
              case 0 -> random.nextInt(0, 40); // few distinct values
              case 1 -> random.nextDouble() < 0.3 ? 0.0 : random.nextGaussian() * 1e3;
              case 2 -> Math.pow(10, random.nextDouble(-30, 30)) * (random.nextBoolean() ? 1 : -1);
              default -> 1.7e9 + random.nextInt(0, 100_000);
            };
        once.add(values[i]);
        readOften.add(values[i]);
        half.add(values[i]);
        if (random.nextInt(50) == 0) {
          assertThat(readOften.bins().total()).isEqualTo(i + 1); // folds mid-stream
        }
        if (i == roundTripAt) {
          readOften = readWith(bytes(readOften), settings);
        }
        if (i == n / 2) {
          mergedInHalves.merge(half);
          half = new NumericSummary(settings);
        }
      }
      mergedInHalves.merge(half);
      Bins expected = canonical(values, settings.numericBins());
      for (NumericSummary summary : List.of(once, readOften, mergedInHalves)) {
        Bins bins = summary.bins();
        assertThat(summary.count()).isEqualTo(n);
        assertThat(bins.level()).as("trial %d", trial).isEqualTo(expected.level());
        assertThat(bins.keys()).as("trial %d", trial).isEqualTo(expected.keys());
        assertThat(bins.counts()).as("trial %d", trial).isEqualTo(expected.counts());
        assertThat(bins.singles()).as("trial %d", trial).isEqualTo(expected.singles());
      }
      assertThat(bytes(readOften)).isEqualTo(bytes(once));
      assertThat(bytes(mergedInHalves)).isEqualTo(bytes(once));
    }
  }

  /**
   * The canonical form by its definition: the smallest level at which the values' order keys, their
   * low bits dropped, take at most {@code numericBins} distinct values; per bin the count and the
   * one value's key, or MIXED.
   */
  private static Bins canonical(double[] values, int numericBins) {
    int level = 0;
    while (bruteForce(values, level).size() > numericBins) {
      level++;
    }
    TreeMap<Long, Long> counts = bruteForce(values, level);
    TreeMap<Long, Long> singles = new TreeMap<>();
    for (double v : values) {
      long key = NumericSummary.orderKey(v);
      singles.merge(key >> level, key, (a, b) -> a.equals(b) ? a : NumericSummary.MIXED);
    }
    return new Bins(
        level,
        counts.keySet().stream().mapToLong(k -> k).toArray(),
        counts.values().stream().mapToLong(c -> c).toArray(),
        singles.values().stream().mapToLong(c -> c).toArray(),
        values.length);
  }

  /** The lattice's definition: counts of order keys with the low {@code level} bits dropped. */
  private static TreeMap<Long, Long> bruteForce(double[] values, int level) {
    TreeMap<Long, Long> bins = new TreeMap<>();
    for (double v : values) {
      bins.merge(NumericSummary.orderKey(v) >> level, 1L, Long::sum);
    }
    return bins;
  }

  private static double widestBinWithin(NumericSummary summary, double from, double to) {
    Bins bins = summary.bins();
    double widest = 0;
    for (long key : bins.keys()) {
      double low = bins.lowerBound(key);
      if (low >= from && low <= to) {
        widest = Math.max(widest, bins.upperBound(key) - low);
      }
    }
    return widest;
  }

  private static byte[] bytes(NumericSummary summary) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary.writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static NumericSummary read(byte[] bytes) throws IOException {
    return readWith(bytes, SETTINGS);
  }

  private static NumericSummary readWith(byte[] bytes, ProfileSettings settings)
      throws IOException {
    return NumericSummary.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), settings);
  }
}
