package io.driftgate.routing;

import java.util.SplittableRandom;

/** Cohort keys of the two shapes consumers use, reproducible from run to run. */
public final class CohortKeys {

  private CohortKeys() {}

  /** Account-style keys, a common prefix and consecutive numbers: the most structured input. */
  public static String[] sequential(int count) {
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = "user-" + i;
    }
    return keys;
  }

  /** Random 64-bit identifiers in hex, from a generator seeded with {@code seed}. */
  public static String[] random(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = Long.toHexString(random.nextLong());
    }
    return keys;
  }
}
