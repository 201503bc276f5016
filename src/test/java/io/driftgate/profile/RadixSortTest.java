package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort orders exactly as {@link Arrays#sort(long[])}, whatever the keys share. */
class RadixSortTest {

  @Test
  void sortsLikeArraysSortInSignedOrder() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 2_000; trial++) {
      int n = random.nextInt(0, 600);
      long[] keys = new long[n + random.nextInt(0, 3)]; // a tail past n stays as it was
      int shape = random.nextInt(5);
      for (int i = 0; i < keys.length; i++) {
        keys[i] =
            switch (shape) {
              case 0 -> random.nextLong(); // every byte varies, both signs
              case 1 -> random.nextLong(-50, 50); // small, both signs: high bytes shared or not
              case 2 -> 0x1234_0000_0000_0000L | random.nextInt(0, 1 << 12); // high bytes shared
              case 3 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE; // extremes
              default -> NumericSummary.orderKey(random.nextGaussian() * 1e3);
            };
      }
      long[] expected = keys.clone();
      Arrays.sort(expected, 0, n);

      RadixSort.sortAbove(keys, n, new long[n], 0);

      assertThat(keys).as("trial %d", trial).isEqualTo(expected);
    }
  }

  @Test
  void sortingAboveLowBitsOrdersByTheHighBitsAndKeepsTheKeys() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 2_000; trial++) {
      int n = random.nextInt(0, 600);
      int lowBits = random.nextInt(0, 64);
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] =
            random.nextBoolean()
                ? random.nextLong()
                : NumericSummary.orderKey(random.nextGaussian() * 1e3);
      }
      long[] sortedKeys = keys.clone();
      Arrays.sort(sortedKeys);

      RadixSort.sortAbove(keys, n, new long[n], lowBits);

      for (int i = 1; i < n; i++) {
        assertThat(keys[i - 1] >> lowBits)
            .as("trial %d at %d", trial, i)
            .isLessThanOrEqualTo(keys[i] >> lowBits);
      }
      long[] same = keys.clone();
      Arrays.sort(same);
      assertThat(same).as("trial %d: the same keys", trial).isEqualTo(sortedKeys);
    }
  }
}
