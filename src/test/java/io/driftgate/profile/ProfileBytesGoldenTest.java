package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hot-path optimizations must not change a single byte of a profile: the digest below was taken
 * before the profiler and category summary were optimized, over seeded rows that exercise every
 * branch (conforming, violating, null, absent, unknown fields of a closed contract, kept and pooled
 * categories, unique keys, exact, counted and binned numbers). Change it only with a format change.
 *
 * <p>Re-pinned once for the counts form of numeric summaries (format change): {@code age} (72
 * distinct integers) and the lag (7 distinct values) now keep a count per value past {@code
 * exactLimit} instead of bins. With the counts form disabled the code still produced the previous
 * digest, {@code 50db5820…ae67c}: nothing else changed.
 *
 * <p>Re-pinned for profile format 2 (numeric fields on the adaptive-precision lattice instead of
 * values, counts and DDSketch bins; profile settings without the DDSketch parameters). The previous
 * digest was {@code 77d14538…1471e7}.
 */
class ProfileBytesGoldenTest {

  private static final String GOLDEN =
      "8135798bb4f1a8b257c50368f3ce84642fa40541f271ca4181f20ee7549e8ea0";

  @Test
  void profilesAreByteIdenticalToThePreOptimizationProfiler() throws Exception {
    assertThat(digest()).isEqualTo(GOLDEN);
  }

  static String digest() throws Exception {
    Path repo = Path.of(System.getProperty("driftgate.repo", "."));
    DataContract contract =
        ContractLoader.load(repo.resolve("contracts/features.customer_profile.yaml"));
    RecordProfiler profiler = new RecordProfiler(contract);
    DatasetProfile v1 = DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS);
    DatasetProfile v2 = DatasetProfile.forContract(contract, "v2", ProfileSettings.DEFAULTS);
    SplittableRandom random = new SplittableRandom(7);
    String[] segments = {"bronze", "silver", "gold", "platinum", "tin"};
    long violations = 0;
    for (int i = 0; i < 60_000; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("customer_id", "cust-" + random.nextInt(40_000));
      if (random.nextInt(50) != 0) {
        row.put("age", random.nextInt(50) == 0 ? 140 : random.nextInt(18, 90));
      }
      row.put("income", random.nextInt(20) == 0 ? null : random.nextDouble(0, 200_000));
      row.put("segment", segments[random.nextInt(random.nextInt(30) == 0 ? 5 : 4)]);
      // High cardinality: most countries are pooled, a few are kept by name.
      row.put("country", "country-" + random.nextInt(i < 30_000 ? 1_000 : 3_000));
      row.put("churn_score", random.nextInt(40) == 0 ? "0.5" : random.nextDouble());
      row.put("signup_date", "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
      row.put("is_active", random.nextBoolean());
      if (random.nextInt(100) == 0) {
        row.put("unexpected", 1);
      }
      DatasetProfile target = i % 3 == 0 ? v2 : v1;
      violations += profiler.observe(target, row, 1_000L * i, 1_000L * i + i % 7).size();
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(v1.toBytes());
    sha.update(v2.toBytes());
    DatasetProfile merged = DatasetProfile.fromBytes(v1.toBytes());
    merged.merge(DatasetProfile.forContract(contract, "v1", ProfileSettings.DEFAULTS));
    sha.update(merged.toBytes());
    sha.update(Long.toString(violations).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }

  public static void main(String[] args) throws Exception {
    System.out.println(digest());
  }
}
