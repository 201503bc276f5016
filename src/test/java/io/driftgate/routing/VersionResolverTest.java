package io.driftgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionResolverTest {

  private static final String SALT = "orders-2024-11-v7";

  /** Every 50 basis points, plus the single-bucket steps at both ends. */
  private static final int[] EXPOSURE_GRID =
      IntStream.concat(IntStream.of(0, 1, 9_999), IntStream.rangeClosed(0, 200).map(i -> i * 50))
          .distinct()
          .sorted()
          .toArray();

  @Test
  void raisingExposureNeverDropsAConsumer() {
    String[] keys = CohortKeys.sequential(100_000);
    RoutingEntry[] entries =
        IntStream.of(EXPOSURE_GRID)
            .mapToObj(VersionResolverTest::candidateAt)
            .toArray(RoutingEntry[]::new);
    long[] exposedCounts = new long[entries.length];
    List<String> violations = new ArrayList<>();

    for (String key : keys) {
      int bucket = CohortHash.bucket(SALT, key);
      boolean wasExposed = false;
      for (int i = 0; i < entries.length; i++) {
        boolean exposed = VersionResolver.isExposed(entries[i], key);
        if (wasExposed && !exposed) {
          violations.add(key + " dropped at " + EXPOSURE_GRID[i] + " bp");
        }
        if (exposed != bucket < EXPOSURE_GRID[i]) {
          violations.add(
              String.format(
                  "%s in bucket %d exposed=%b at %d bp", key, bucket, exposed, EXPOSURE_GRID[i]));
        }
        wasExposed = exposed;
        exposedCounts[i] += exposed ? 1 : 0;
      }
    }

    assertThat(violations).isEmpty();
    for (int i = 0; i < entries.length; i++) {
      double share = EXPOSURE_GRID[i] / (double) CohortHash.BUCKETS;
      assertThat((double) exposedCounts[i])
          .as("consumers exposed at %d bp", EXPOSURE_GRID[i])
          .isCloseTo(keys.length * share, Binomial.fiveSigma(keys.length, share));
    }
  }

  @Test
  void readsTheCandidateExactlyWhenTheBucketIsBelowTheExposure() {
    assertThat(CohortHash.bucket(SALT, "user-42")).isEqualTo(1342);

    assertThat(VersionResolver.resolve(candidateAt(1342), "user-42")).isEqualTo("v1");
    assertThat(VersionResolver.resolve(candidateAt(1343), "user-42")).isEqualTo("v2");
  }

  @Test
  void readsTheBaselineWithoutACandidate() {
    RoutingEntry entry = new RoutingEntry("orders", "v1", null, 0, SALT, RoutingEntry.NO_STAGE);

    assertThat(CohortKeys.random(1_000, 3L))
        .allSatisfy(key -> assertThat(VersionResolver.resolve(entry, key)).isEqualTo("v1"));
  }

  @Test
  void readsTheBaselineAtZeroExposure() {
    assertThat(CohortKeys.random(1_000, 3L))
        .allSatisfy(
            key -> assertThat(VersionResolver.resolve(candidateAt(0), key)).isEqualTo("v1"));
  }

  @Test
  void readsTheCandidateAtFullExposure() {
    assertThat(CohortKeys.random(1_000, 3L))
        .allSatisfy(
            key -> assertThat(VersionResolver.resolve(candidateAt(10_000), key)).isEqualTo("v2"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t\n"})
  void anonymousConsumerReadsTheBaselineEvenAtFullExposure(String cohortKey) {
    assertThat(VersionResolver.resolve(candidateAt(10_000), cohortKey)).isEqualTo("v1");
  }

  @Test
  void aNewSaltReshufflesTheCohorts() {
    RoutingEntry first = candidateAt(5_000);
    RoutingEntry next = new RoutingEntry("orders", "v1", "v2", 5_000, "orders-2024-11-v8", 0);

    assertThat(CohortKeys.random(1_000, 5L))
        .anySatisfy(
            key ->
                assertThat(VersionResolver.isExposed(first, key))
                    .isNotEqualTo(VersionResolver.isExposed(next, key)));
  }

  private static RoutingEntry candidateAt(int exposureBasisPoints) {
    return new RoutingEntry("orders", "v1", "v2", exposureBasisPoints, SALT, 0);
  }
}
