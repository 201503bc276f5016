package io.driftgate.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.RecordLimits;
import io.driftgate.job.TestJobs;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.PreflightVerdict;
import io.driftgate.source.VersionSource;
import io.driftgate.testing.FixtureTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The preflight job on Parquet versions: whole-version profiles, unreadable rows, the verdict. */
class PreflightJobTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestJobs.miniCluster(new Configuration());

  private static final ContractCatalog CATALOG =
      new ContractCatalog(
          List.of(
              ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"))));
  private static final Instant FROM = FixtureTime.T0.minus(Duration.ofDays(1));

  @TempDir Path lake;

  @Test
  void twoVersionsOfTheSameTablePassAndTheProfilesAreWhole() throws Exception {
    PreflightReport report = run(version("v2", 0.0, 0, 2), version("v1", 0.0, 0, 1));

    assertThat(report.passed()).as(report.verdict().message()).isTrue();
    DatasetProfile candidate = DatasetProfile.fromBytes(report.preflight().candidateProfile());
    assertThat(candidate.records()).isEqualTo(3000);
    assertThat(candidate.violatingRecords()).isZero();
    assertThat(candidate.minEventTime()).isEqualTo(FROM.toEpochMilli());
    assertThat(candidate.maxEventTime()).isEqualTo(FROM.toEpochMilli() + 2999_000L);
    assertThat(DatasetProfile.fromBytes(report.preflight().baselineProfile()).records())
        .isEqualTo(3000);
    assertThat(report.preflight().candidateSource()).isEqualTo("parquet:" + lake.resolve("v2"));
    assertThat(report.unreadableSamples()).isEmpty();
  }

  @Test
  void theSameFilesGiveTheSameBytes() throws Exception {
    VersionSource v2 = version("v2", 0.0, 0, 2);
    VersionSource v1 = version("v1", 0.0, 0, 1);

    assertThat(run(v2, v1).preflight()).isEqualTo(run(v2, v1).preflight());
  }

  @Test
  void aRequiredColumnHalfNullFailsWithTheViolationRate() throws Exception {
    PreflightReport report = run(version("v2", 0.5, 0, 2), version("v1", 0.0, 0, 1));

    assertThat(report.passed()).isFalse();
    assertThat(report.verdict()).isInstanceOf(PreflightVerdict.Fail.class);
    assertThat(report.verdict().message()).contains("violation_rate breached");
    assertThat(DatasetProfile.fromBytes(report.preflight().candidateProfile()).violatingRecords())
        .isEqualTo(1500);
  }

  @Test
  void rowsWithoutAnEventTimeAreCountedAsUnreadableWithTheirOrigin() throws Exception {
    PreflightReport report = run(version("v2", 0.0, 3, 2), version("v1", 0.0, 0, 1));

    assertThat(report.preflight().unreadableCandidateRows()).isEqualTo(3);
    assertThat(DatasetProfile.fromBytes(report.preflight().candidateProfile()).records())
        .isEqualTo(2997);
    assertThat(report.unreadableSamples())
        .hasSize(3)
        .allMatch(s -> s.startsWith("file:" + lake.resolve("v2").resolve("part-0.parquet")))
        .allMatch(s -> s.contains("BAD_EVENT_TIME"));
    assertThat(report.verdict().message()).contains("3 rows of the candidate could not be read");
  }

  private PreflightReport run(VersionSource candidate, VersionSource baseline) throws Exception {
    return PreflightJob.run(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        CATALOG,
        ProfileSettings.DEFAULTS,
        RecordLimits.DEFAULTS,
        new PreflightRequest(
            candidate,
            "parquet:" + lake.resolve(candidate.version()),
            baseline,
            "parquet:" + lake.resolve(baseline.version()),
            baseline.version()));
  }

  private VersionSource version(String version, double nullX, int noTime, long seed)
      throws Exception {
    Path dir = lake.resolve(version);
    if (!dir.toFile().exists()) {
      ParquetVersions.write(lake, version, 3000, nullX, noTime, seed, FROM);
    }
    return new VersionSource(
        "it.features",
        version,
        VersionSource.Format.PARQUET,
        dir.toString(),
        VersionSource.EventTime.column("ts"));
  }
}
