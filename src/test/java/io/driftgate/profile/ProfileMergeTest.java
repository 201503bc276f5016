package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.DriftCheck;
import io.driftgate.contract.DriftTest;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.Freshness;
import io.driftgate.contract.LogicalType;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: however a stream is split into parts and in whatever order or tree the parts are
 * merged, the result is byte-for-byte the profile of the whole stream — the basis of "same input,
 * same decision, at any parallelism".
 */
class ProfileMergeTest {

  /**
   * Small limits so that every property run crosses the exact/binned and kept/pooled switches: up
   * to 32 distinct values counted exactly, then bins.
   */
  static final ProfileSettings SMALL = new ProfileSettings(32, 8, 16, 8);

  static DataContract contract() {
    return new DataContract(
        "d",
        "1",
        false,
        List.of(
            field("amount", LogicalType.NUMBER, false, DriftTest.KS),
            field("age", LogicalType.INTEGER, false, DriftTest.KS),
            field("city", LogicalType.STRING, false, DriftTest.CHI2),
            field("id", LogicalType.STRING, true, DriftTest.NONE)),
        List.of(),
        new Freshness(Duration.ofSeconds(30)),
        new RolloutPlan(List.of(new Stage(10000, Duration.ZERO, 0, false)), 1),
        0.01);
  }

  private static FieldSpec field(String name, LogicalType type, boolean unique, DriftTest test) {
    return new FieldSpec(
        name, type, false, unique, null, null, List.of(), DriftCheck.defaultFor(test), List.of());
  }

  /** One record: a value per field, or a null, with its event and observation times. */
  record Row(
      double amount, int age, String city, String id, boolean nullAmount, long event, long seen) {}

  static List<Row> rows(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new Row(
              random.nextGaussian() * 1000 * (random.nextBoolean() ? 1 : 1e-6),
              age(i, random),
              "city-" + random.nextInt(40),
              "id-" + random.nextInt(n),
              random.nextInt(20) == 0,
              i * 1000L,
              i * 1000L + random.nextInt(60_000)));
    }
    return rows;
  }

  static DatasetProfile profileOf(List<Row> rows) {
    DatasetProfile profile = DatasetProfile.forContract(contract(), "v1", SMALL);
    for (Row row : rows) {
      profile.recordObserved(row.event(), row.seen(), row.nullAmount());
      if (row.nullAmount()) {
        profile.field("amount").addNull();
        profile.field("amount").addViolation();
      } else {
        profile.field("amount").addNumber(row.amount());
      }
      profile.field("age").addNumber(row.age());
      profile.field("city").addCategory(row.city());
      profile.field("id").addKey(row.id());
    }
    return profile;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 50, 63, 64, 65, 500, 5_000})
  void anySplitAndMergeOrderGivesTheSameBytes(int n) {
    List<Row> rows = rows(n, n);
    byte[] whole = profileOf(rows).toBytes();
    Random random = new Random(n);
    for (int trial = 0; trial < 20; trial++) {
      List<DatasetProfile> parts = split(rows, 1 + random.nextInt(6), random);
      Collections.shuffle(parts, random);
      assertThat(mergeInRandomTree(parts, random).toBytes()).isEqualTo(whole);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 5_000})
  void serializationRoundTrips(int n) {
    DatasetProfile profile = profileOf(rows(n, n));
    DatasetProfile copy = DatasetProfile.fromBytes(profile.toBytes());
    assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
    assertThat(copy.records()).isEqualTo(n);
    assertThat(DatasetProfile.recordsOf(profile.toBytes())).isEqualTo(n);
    assertThat(copy.field("city").categories().total())
        .isEqualTo(profile.field("city").categories().total());
    // A deserialized profile keeps merging like the original.
    copy.merge(profileOf(rows(7, 100)));
    profile.merge(profileOf(rows(7, 100)));
    assertThat(copy.toBytes()).isEqualTo(profile.toBytes());
  }

  /**
   * Low-cardinality integers: 24 distinct values in the first 2,500 rows, 24 partly different ones
   * after — 36 in all, more than the 32 {@link #SMALL} counts — so parts of the first or second
   * half are counted and a merge across the halves switches to bins.
   */
  static int age(int i, SplittableRandom random) {
    return (i < 2_500 ? 18 : 30) + random.nextInt(24);
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65, 500, 2_500, 5_000})
  void integersMergeExactlyThroughCountsAndBins(int n) {
    List<Row> rows = rows(n, n);
    DatasetProfile whole = profileOf(rows);
    assertThat(whole.field("age").numeric().isExact()).isEqualTo(n <= 2_500);
    Random random = new Random(n);
    for (int trial = 0; trial < 20; trial++) {
      // Contiguous chunks, so that parts are counted (not binned) more often than random splits.
      List<DatasetProfile> parts = chunks(rows, 1 + random.nextInt(8), random);
      Collections.shuffle(parts, random);
      assertThat(mergeInRandomTree(parts, random).toBytes()).isEqualTo(whole.toBytes());
    }
  }

  private static List<DatasetProfile> chunks(List<Row> rows, int parts, Random random) {
    int[] cuts = new int[parts + 1];
    cuts[parts] = rows.size();
    for (int p = 1; p < parts; p++) {
      cuts[p] = random.nextInt(rows.size() + 1);
    }
    java.util.Arrays.sort(cuts);
    List<DatasetProfile> profiles = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      profiles.add(profileOf(rows.subList(cuts[p], cuts[p + 1])));
    }
    return profiles;
  }

  private static List<DatasetProfile> split(List<Row> rows, int parts, Random random) {
    List<List<Row>> buckets = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      buckets.add(new ArrayList<>());
    }
    for (Row row : rows) {
      buckets.get(random.nextInt(parts)).add(row);
    }
    List<DatasetProfile> profiles = new ArrayList<>();
    for (List<Row> bucket : buckets) {
      profiles.add(profileOf(bucket));
    }
    return profiles;
  }

  private static DatasetProfile mergeInRandomTree(List<DatasetProfile> parts, Random random) {
    List<DatasetProfile> pending = new ArrayList<>(parts);
    while (pending.size() > 1) {
      DatasetProfile left = pending.remove(random.nextInt(pending.size()));
      DatasetProfile right = pending.remove(random.nextInt(pending.size()));
      left.merge(right);
      pending.add(left);
    }
    return pending.get(0);
  }
}
