package io.driftgate.profile;

/**
 * Sorts longs in signed order by their bytes, least significant first (LSD radix sort), skipping a
 * byte all of them share. A numeric summary sorts a few thousand keys each time it builds or
 * coarsens its map, once or twice per field and window, and comparison sorting them was a quarter
 * of profiling; eight linear passes with a 256-entry count each are about a third of its cost.
 */
final class RadixSort {

  private static final int RADIX = 256;
  private static final int BYTES = Long.BYTES;

  private RadixSort() {}

  /**
   * Sorts {@code a[0, n)} in signed order.
   *
   * @param scratch at least {@code n} long, overwritten
   */
  static void sort(long[] a, int n, long[] scratch) {
    if (n < 2) {
      return;
    }
    int[][] counts = new int[BYTES][RADIX];
    for (int i = 0; i < n; i++) {
      long unsigned = a[i] ^ Long.MIN_VALUE; // signed order as unsigned order
      for (int b = 0; b < BYTES; b++) {
        counts[b][(int) (unsigned >>> (8 * b)) & 0xFF]++;
      }
    }
    long[] from = a;
    long[] to = scratch;
    for (int b = 0; b < BYTES; b++) {
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
