package io.driftgate.profile;

/**
 * Sizes of a profile's summaries. Every profile that is merged or compared with another must use
 * the same settings; the settings travel with the serialized profile so a mismatch is caught.
 *
 * @param numericBins non-empty bins a numeric field keeps: its distinct values are counted exactly
 *     up to this many, beyond that the bins coarsen until this many hold every value. At most 2560,
 *     so that a field's summary stays within 32 KB serialized even in the worst case
 * @param maxCategories distinct categories kept by name per field; the rest are pooled
 * @param poolBuckets hash buckets the pooled categories fall into
 * @param distinctLgK log2 of the hashes a unique key's Theta sketch keeps (exact below that many
 *     keys)
 */
public record ProfileSettings(int numericBins, int maxCategories, int poolBuckets, int distinctLgK)
    implements java.io.Serializable {

  public static final ProfileSettings DEFAULTS = new ProfileSettings(2560, 128, 256, 12);

  public ProfileSettings {
    check(
        numericBins >= 16 && numericBins <= 2560, "numericBins must be in [16, 2560]", numericBins);
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
