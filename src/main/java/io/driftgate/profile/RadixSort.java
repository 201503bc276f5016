package io.driftgate.profile;

/**
 * Sorts longs in signed order by their bits above a given number, in digits of up to {@value
 * #MAX_DIGIT_BITS} bits, least significant first (LSD radix sort), skipping a digit all of them
 * share. A numeric summary sorts its buffer of a few thousand keys each time it folds it into its
 * bins, and needs them ordered only by bin: comparison sorting was a quarter of profiling. Digits
 * cut to the bits the summary's level leaves take fewer passes than bytes do: at level 45, two of
 * 10 bits rather than three bytes, 0.78 of the time per key (docs/benchmarks.md).
 */
final class RadixSort {

  /** Widest digit: its 1,024 counts (4 KB) stay in the first-level cache next to the keys. */
  static final int MAX_DIGIT_BITS = 10;

  private static final int MAX_DIGITS = (Long.SIZE + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;

  /**
   * This thread's digit counts: a summary sorts its buffer every few thousand values, and fresh
   * tables each time would be garbage on the hot path.
   */
  private static final ThreadLocal<int[][]> COUNTS =
      ThreadLocal.withInitial(() -> new int[MAX_DIGITS][1 << MAX_DIGIT_BITS]);

  private RadixSort() {}

  /**
   * Sorts {@code a[0, n)} in the signed order of {@code a[i] >> lowBits} (0: a full sort), leaving
   * keys equal above their low {@code lowBits} bits in no particular order: a summary at level l
   * needs its keys ordered only by their bins, {@code key >> l}, and each bit left out shortens the
   * digits to sort by.
   *
   * @param lowBits in [0, 63]
   * @param scratch at least {@code n} long, overwritten
   */
  static void sortAbove(long[] a, int n, long[] scratch, int lowBits) {
    if (n < 2) {
      return;
    }
    int bits = Long.SIZE - lowBits;
    int digits = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
    int width = (bits + digits - 1) / digits;
    int radix = 1 << width;
    int mask = radix - 1;
    int[][] counts = COUNTS.get();
    for (int d = 0; d < digits; d++) {
      java.util.Arrays.fill(counts[d], 0, radix, 0);
    }
    for (int i = 0; i < n; i++) {
      long unsigned = (a[i] ^ Long.MIN_VALUE) >>> lowBits; // signed order as unsigned order
      for (int d = 0; d < digits; d++) {
        counts[d][(int) (unsigned >>> (width * d)) & mask]++;
      }
    }
    long[] from = a;
    long[] to = scratch;
    for (int d = 0; d < digits; d++) {
      int[] count = counts[d];
      int shift = lowBits + width * d;
      if (count[(int) ((from[0] ^ Long.MIN_VALUE) >>> shift) & mask] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int start = 0;
      for (int digit = 0; digit < radix; digit++) {
        int c = count[digit];
        count[digit] = start;
        start += c;
      }
      for (int i = 0; i < n; i++) {
        long value = from[i];
        to[count[(int) ((value ^ Long.MIN_VALUE) >>> shift) & mask]++] = value;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    if (from != a) {
      System.arraycopy(from, 0, a, 0, n);
    }
  }
}
