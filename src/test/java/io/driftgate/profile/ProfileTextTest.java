package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No string that reaches a profile can make {@link DatasetProfile#toBytes()} throw. */
class ProfileTextTest {

  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/fuzz-contracts/fuzz.events.yaml"));

  @Test
  void aSeventyThousandByteCategoryIsCappedWhenObservedAndCounted() {
    String huge = "k".repeat(70_000);
    DatasetProfile profile = DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    profiler.observe(profile, Map.of("id", "a", "x", 1.0, "label", huge), 1_000, 1_500);
    profiler.observe(profile, Map.of("id", "b", "x", 2.0, "label", "short"), 2_000, 2_500);

    DatasetProfile restored = DatasetProfile.fromBytes(profile.toBytes());

    assertThat(restored.field("label").categories().keptCounts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("k".repeat(1024), 1L, "short", 1L));
    assertThat(profiler.truncatedCategories()).isEqualTo(1);
  }

  @Test
  void aSeventyThousandByteVersionIsCappedWhenWritten() {
    String version = "v".repeat(70_000);
    DatasetProfile profile =
        DatasetProfile.forContract(CONTRACT, version, ProfileSettings.DEFAULTS);

    DatasetProfile restored = DatasetProfile.fromBytes(profile.toBytes());

    assertThat(restored.version()).isEqualTo("v".repeat(1024));
  }

  @Test
  void truncationNeverSplitsACodePoint() {
    String twoByte = "é".repeat(600); // 1,200 bytes: 512 fit
    String fourByte = "a" + "😀".repeat(300); // 1 + 1,200 bytes: 1 + 255 emoji fit (1,021)

    assertThat(ProfileText.cap(twoByte)).isEqualTo("é".repeat(512));
    assertThat(ProfileText.cap(fourByte)).isEqualTo("a" + "😀".repeat(255));
    assertThat(ProfileText.cap(fourByte).getBytes(StandardCharsets.UTF_8)).hasSize(1_021);
  }

  @Test
  void aFittingStringIsTheSameInstance() {
    String fits = "x".repeat(1024);
    assertThat(ProfileText.cap(fits)).isSameAs(fits);
    assertThat(ProfileText.cap("é".repeat(512))).hasSize(512);
  }
}
