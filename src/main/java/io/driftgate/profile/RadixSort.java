package io.driftgate.profile;

import java.util.Arrays;

/**
 * Sorts longs in signed order by their bytes, least significant first (LSD radix sort), skipping a
 * byte all of them share. A numeric summary sorts its buffer of a few thousand keys each time it
 * folds it into its bins; comparison sorting was a quarter of profiling, and linear passes with a
 * 256-entry count each cost a third of that.
 */
final class RadixSort {

  private static final int RADIX = 256;
  private static final int BYTES = Long.BYTES;

  /**
   * This thread's byte counts: a summary sorts its buffer every few thousand values, and eight
   * fresh tables of 256 counts each time would be garbage on the hot path.
   */
  private static final ThreadLocal<int[][]> COUNTS =
      ThreadLocal.withInitial(() -> new int[BYTES][RADIX]);

  private RadixSort() {}

  /**
   * Sorts {@code a[0, n)} in the signed order of {@code a[i] >> (8 * lowBytes)} (0: a full sort),
   * leaving keys equal above their low {@code lowBytes} bytes in no particular order: a summary at
   * level l needs its keys ordered only by their bins, {@code key >> l}, which that order refines
   * when {@code 8 * lowBytes <= l}, and each byte left out is a pass saved.
   *
   * @param scratch at least {@code n} long, overwritten
   */
  static void sortAbove(long[] a, int n, long[] scratch, int lowBytes) {
    if (n < 2) {
      return;
    }
    int[][] counts = COUNTS.get();
    for (int b = lowBytes; b < BYTES; b++) {
      Arrays.fill(counts[b], 0);
    }
    for (int i = 0; i < n; i++) {
      long unsigned = a[i] ^ Long.MIN_VALUE; // signed order as unsigned order
      for (int b = lowBytes; b < BYTES; b++) {
        counts[b][(int) (unsigned >>> (8 * b)) & 0xFF]++;
      }
    }
    long[] from = a;
    long[] to = scratch;
    for (int b = lowBytes; b < BYTES; b++) {
      int[] count = counts[b];
      int shift = 8 * b;
      if (count[(int) ((from[0] ^ Long.MIN_VALUE) >>> shift) & 0xFF] == n) {
        continue; // every key has this byte: the pass would not move anything
      }
      int start = 0;
      for (int digit = 0; digit < RADIX; digit++) {
        int c = count[digit];
        count[digit] = start;
        start += c;
      }
      for (int i = 0; i < n; i++) {
        long value = from[i];
        to[count[(int) ((value ^ Long.MIN_VALUE) >>> shift) & 0xFF]++] = value;
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
