package io.driftgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.ToIntBiFunction;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.datasketches.hash.MurmurHash3;
import org.junit.jupiter.api.Test;

/**
 * Cohorts must be uniform, so that exposure in basis points is the share of consumers exposed, and
 * independent across salts, so that one rollout's early cohort is not every rollout's. Each test of
 * a property has a twin showing that the same check rejects a bucketing known to lack it.
 */
class CohortDistributionTest {

  /** Significance level of every goodness-of-fit test here; inputs are fixed, so none is flaky. */
  private static final double ALPHA = 0.001;

  private static final ChiSquareTest CHI_SQUARE = new ChiSquareTest();

  private static final String SALT = "orders-2024-11-v7";

  /** The next rollout's salt: adjacent salts are the likeliest to be correlated. */
  private static final String NEXT_SALT = "orders-2024-11-v8";

  /** Keeps only 14 bits of the hash: 16384 values onto 10000 buckets favour the first 6384. */
  private static final ToIntBiFunction<String, String> TOO_FEW_BITS =
      (salt, key) -> {
        long h1 = MurmurHash3.hash(CohortHash.input(salt, key), 0L)[0];
        return (int) ((h1 >>> 50) % CohortHash.BUCKETS);
      };

  /** Forgets the salt, so every rollout exposes the same consumers first. */
  private static final ToIntBiFunction<String, String> SALT_IGNORED =
      (salt, key) -> CohortHash.bucket("constant", key);

  @Test
  void groupsOfOneHundredBucketsAreUniform() {
    assertThat(uniformityPValue(CohortHash::bucket, CohortKeys.sequential(200_000), 100))
        .isGreaterThan(ALPHA);
  }

  @Test
  void allBucketsAreUniform() {
    // 100 keys per bucket on average, well above the 5 the chi-square approximation needs.
    assertThat(
            uniformityPValue(
                CohortHash::bucket, CohortKeys.random(1_000_000, 7L), CohortHash.BUCKETS))
        .isGreaterThan(ALPHA);
  }

  @Test
  void uniformityCheckRejectsABucketingWithModuloBias() {
    assertThat(uniformityPValue(TOO_FEW_BITS, CohortKeys.sequential(200_000), 100))
        .isLessThan(ALPHA);
  }

  @Test
  void exposureSetsUnderTwoSaltsOverlapAsIfIndependent() {
    String[] keys = CohortKeys.random(200_000, 11L);
    int exposure = 1_000; // 10% under each salt

    assertThat(overlap(CohortHash::bucket, keys, exposure))
        .isCloseTo(expectedOverlap(keys.length, exposure), Binomial.fiveSigma(keys.length, 0.01));
  }

  @Test
  void bucketsUnderTwoSaltsAreUncorrelated() {
    assertThat(independencePValue(CohortHash::bucket, CohortKeys.random(200_000, 13L)))
        .isGreaterThan(ALPHA);
  }

  @Test
  void independenceChecksRejectABucketingThatIgnoresTheSalt() {
    String[] keys = CohortKeys.random(200_000, 11L);
    int exposure = 1_000;

    assertThat(independencePValue(SALT_IGNORED, keys)).isLessThan(ALPHA);
    assertThat(overlap(SALT_IGNORED, keys, exposure))
        .isNotCloseTo(
            expectedOverlap(keys.length, exposure), Binomial.fiveSigma(keys.length, 0.01));
  }

  /** Chi-square goodness of fit of bucket groups ({@code bucket * groups / BUCKETS}) to uniform. */
  private static double uniformityPValue(
      ToIntBiFunction<String, String> bucketing, String[] keys, int groups) {
    long[] observed = new long[groups];
    for (String key : keys) {
      observed[bucketing.applyAsInt(SALT, key) / (CohortHash.BUCKETS / groups)]++;
    }
    double[] expected = new double[groups];
    Arrays.fill(expected, (double) keys.length / groups);
    return CHI_SQUARE.chiSquareTest(expected, observed);
  }

  /** Chi-square test of independence on the 10 x 10 table of bucket deciles under both salts. */
  private static double independencePValue(
      ToIntBiFunction<String, String> bucketing, String[] keys) {
    int decile = CohortHash.BUCKETS / 10;
    long[][] counts = new long[10][10];
    for (String key : keys) {
      counts[bucketing.applyAsInt(SALT, key) / decile][
          bucketing.applyAsInt(NEXT_SALT, key) / decile]++;
    }
    return CHI_SQUARE.chiSquareTest(counts);
  }

  /** Number of keys exposed under both salts at the same exposure. */
  private static double overlap(
      ToIntBiFunction<String, String> bucketing, String[] keys, int exposureBasisPoints) {
    long both = 0;
    for (String key : keys) {
      if (bucketing.applyAsInt(SALT, key) < exposureBasisPoints
          && bucketing.applyAsInt(NEXT_SALT, key) < exposureBasisPoints) {
        both++;
      }
    }
    return both;
  }

  private static double expectedOverlap(int keys, int exposureBasisPoints) {
    double share = (double) exposureBasisPoints / CohortHash.BUCKETS;
    return keys * share * share;
  }
}
