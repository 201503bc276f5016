package io.driftgate.profile;

/**
 * Sizes of a profile's summaries. Every profile that is merged or compared with another must use
 * the same settings; the settings travel with the serialized profile so a mismatch is caught.
 *
 * @param exactLimit numeric values kept exactly per field before switching to the binned sketch, so
 *     that small rollouts get the exact two-sample test
 * @param relativeAccuracy relative width of a numeric bin (DDSketch's alpha)
 * @param maxBins bins kept per sign of a numeric sketch; the smallest magnitudes collapse beyond
 * @param maxCategories distinct categories kept by name per field; the rest are pooled
 * @param poolBuckets hash buckets the pooled categories fall into
 * @param distinctLgK log2 of the hashes a unique key's Theta sketch keeps (exact below that many
 *     keys)
 */
public record ProfileSettings(
    int exactLimit,
    double relativeAccuracy,
    int maxBins,
    int maxCategories,
    int poolBuckets,
    int distinctLgK)
    implements java.io.Serializable {

  public static final ProfileSettings DEFAULTS =
      new ProfileSettings(2048, 0.01, 2048, 128, 256, 12);

  public ProfileSettings {
    check(exactLimit >= 0 && exactLimit <= 1 << 20, "exactLimit must be in [0, 2^20]", exactLimit);
    check(
        relativeAccuracy > 0 && relativeAccuracy < 0.5,
        "relativeAccuracy must be in (0, 0.5)",
        relativeAccuracy);
    check(maxBins >= 16 && maxBins <= 1 << 16, "maxBins must be in [16, 65536]", maxBins);
    check(
        maxCategories >= 1 && maxCategories <= 1 << 14,
        "maxCategories must be in [1, 16384]",
        maxCategories);
    check(
        poolBuckets >= 1 && poolBuckets <= 1 << 14,
        "poolBuckets must be in [1, 16384]",
        poolBuckets);
    check(distinctLgK >= 4 && distinctLgK <= 21, "distinctLgK must be in [4, 21]", distinctLgK);
  }

  private static void check(boolean ok, String message, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(message + ", got " + value);
    }
  }
}
