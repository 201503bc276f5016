package io.driftgate.gate;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One-minute windows of {@code it.features} records for the gate tests: the same seeded rows for
 * the same version and minute, so two versions differ only where a test asks them to.
 */
final class ItFeatureWindows {

  static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"));
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final int ROWS = 300;

  private ItFeatureWindows() {}

  static Instant minute(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /**
   * {@value #ROWS} records of {@code version} in the window starting at {@code minute}, the first
   * {@code nullX} share of them without the required {@code x}. The last numeric field is {@code
   * y}, or {@code z} for a contract that renamed it.
   */
  static DatasetProfile window(DataContract contract, String version, int minute, double nullX) {
    return window(contract, version, minute, nullX, 0);
  }

  /** The window of another draw: {@code run} seeds it, for many independent rollouts. */
  static DatasetProfile window(
      DataContract contract, String version, int minute, double nullX, long run) {
    DatasetProfile profile =
        DatasetProfile.forContract(contract, version, ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(contract);
    SplittableRandom random =
        new SplittableRandom(version.hashCode() * 31L + minute + run * 1_000_003L);
    for (int r = 0; r < ROWS; r++) {
      long eventTime = minute(minute).toEpochMilli() + r * 200L;
      Map<String, Object> fields = new HashMap<>();
      fields.put("id", version + "-" + minute + "-" + r);
      double x = random.nextGaussian();
      fields.put("x", r < ROWS * nullX ? null : x);
      fields.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
      fields.put(contract.field("y").isPresent() ? "y" : "z", random.nextDouble());
      profiler.observe(profile, fields, eventTime, eventTime + 500);
    }
    return profile;
  }
}
