package io.driftgate.bench;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The profiling operator's numeric work on the throughput benchmark's records, without Flink, Kafka
 * or parsing: per one-minute window, two versions alternating record by record, each with 21 fresh
 * {@link NumericSummary}s (the 20 fields and the lag), fed 30,000 values apiece and serialized when
 * the window closes. A window's whole life is measured, not the steady state {@code
 * DriftRuleBenchmark -Donly=cost} measures: a summary of a continuous field spends most of its cost
 * on its first values, and at one record per event-time millisecond that cost is paid every window.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes
 * io.driftgate.bench.WindowProfileBenchmark} ({@code -Dwindows} per round, default 30; {@code
 * -Drounds}, default 7). Reports CPU time of this thread per record, so other load on the machine
 * slows it less than wall time would; the median of the rounds after the first two (warm-up) is the
 * figure. Results go in docs/benchmarks.md.
 */
public final class WindowProfileBenchmark {

  private static final int WINDOWS = Integer.getInteger("windows", 30);
  private static final int ROUNDS = Integer.getInteger("rounds", 7);
  private static final int WARM_UP = 2;
  private static final int RECORDS_PER_WINDOW = 60_000;
  private static final int FIELDS = RawConsumerBaseline.FIELDS;
  private static final int VERSIONS = 2;

  /** Defeats dead-code elimination. */
  private static volatile long sink;

  private WindowProfileBenchmark() {}

  public static void main(String[] args) {
    double[][] rows = rows();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] nsPerRecord = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      long bytes = 0;
      for (int window = 0; window < WINDOWS; window++) {
        bytes += window(rows, window);
      }
      nsPerRecord[round] =
          (threads.getCurrentThreadCpuTime() - start) / (double) (WINDOWS * RECORDS_PER_WINDOW);
      sink += bytes;
      System.out.printf("round %d: %.0f ns/record (CPU)%n", round + 1, nsPerRecord[round]);
    }
    double[] measured = Arrays.copyOfRange(nsPerRecord, WARM_UP, ROUNDS);
    Arrays.sort(measured);
    System.out.printf(
        "window profile: median %.0f ns/record of CPU over rounds %d-%d (%d windows of %,d"
            + " records each)%n",
        measured[measured.length / 2], WARM_UP + 1, ROUNDS, WINDOWS, RECORDS_PER_WINDOW);
  }

  /** One window's summaries, fed and serialized; returns the bytes written. */
  private static long window(double[][] rows, int window) {
    ProfileSettings settings = ProfileSettings.DEFAULTS;
    NumericSummary[][] summaries = new NumericSummary[VERSIONS][FIELDS + 1];
    for (NumericSummary[] version : summaries) {
      for (int f = 0; f <= FIELDS; f++) {
        version[f] = new NumericSummary(settings);
      }
    }
    for (int r = 0; r < RECORDS_PER_WINDOW; r++) {
      NumericSummary[] version = summaries[r % VERSIONS];
      double[] row = rows[(r + window * 7_919) % RECORDS_PER_WINDOW];
      for (int f = 0; f < FIELDS; f++) {
        version[f].add(row[f]);
      }
      version[FIELDS].add(row[FIELDS]);
    }
    long bytes = 0;
    for (NumericSummary[] version : summaries) {
      for (NumericSummary summary : version) {
        bytes += summary.serializedBytes();
      }
    }
    return bytes;
  }

  /**
   * A window's records as {@link RawConsumerBaseline} writes them (decimals in [-1000, 1000] with
   * four places, then integers below a million), plus a lag that falls by one millisecond a record
   * from a day, as in the benchmark topic, where records are produced far faster than their event
   * times advance.
   */
  private static double[][] rows() {
    SplittableRandom random = new SplittableRandom(42);
    double[][] rows = new double[RECORDS_PER_WINDOW][FIELDS + 1];
    for (int r = 0; r < RECORDS_PER_WINDOW; r++) {
      for (int f = 0; f < FIELDS; f++) {
        rows[r][f] =
            f < FIELDS / 2
                ? Math.round(random.nextDouble(-1_000, 1_000) * 1e4) / 1e4
                : random.nextInt(1_000_000);
      }
      rows[r][FIELDS] = 86_400_000 - r;
    }
    return rows;
  }
}
