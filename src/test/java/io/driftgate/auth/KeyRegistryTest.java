package io.driftgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRegistryTest {

  @TempDir Path secrets;
  @TempDir Path root;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private KeyFiles.Generated ada;
  private KeyFiles.Generated grace;

  @BeforeEach
  void keys() throws Exception {
    ada = KeyFiles.generate("ada", secrets);
    grace = KeyFiles.generate("grace", secrets);
  }

  private KeyRegistry registry(Path dir) {
    return KeyRegistry.inDirectory(dir.toString(), clock);
  }

  private void nextSecond() {
    clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void findsTheKeysOfEveryPubFileAndIgnoresOtherFiles() throws Exception {
    Path dir = Files.createDirectory(root.resolve("keys"));
    Files.copy(ada.publicKeyFile(), dir.resolve("ada.pub"));
    Files.copy(grace.publicKeyFile(), dir.resolve("grace.txt"));
    Files.copy(ada.privateKeyFile(), dir.resolve("ada.key"));

    KeyRegistry registry = registry(dir);

    assertThat(registry.find(ada.keyId())).get().extracting(VerifyingKey::actor).isEqualTo("ada");
    assertThat(registry.find(grace.keyId())).isEmpty();
    assertThat(registry.find(null)).isEmpty();
  }

  @Test
  void reReadsTheDirectoryWhenItChangedAtMostOnceASecond() throws Exception {
    Path dir = Files.createDirectory(root.resolve("keys"));
    Files.copy(ada.publicKeyFile(), dir.resolve("ada.pub"));
    KeyRegistry registry = registry(dir);
    assertThat(registry.find(grace.keyId())).isEmpty();

    Files.copy(grace.publicKeyFile(), dir.resolve("grace.pub"));
    clock.advance(Duration.ofMillis(999));
    assertThat(registry.find(grace.keyId())).as("within the second").isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(registry.find(grace.keyId())).as("added").isPresent();

    Files.delete(dir.resolve("ada.pub"));
    nextSecond();
    assertThat(registry.find(ada.keyId())).as("removed").isEmpty();
    assertThat(registry.find(grace.keyId())).isPresent();
  }

  @Test
  void aBadFileIsSkippedAndTheOthersStay() throws Exception {
    Path dir = Files.createDirectory(root.resolve("keys"));
    Files.copy(ada.publicKeyFile(), dir.resolve("ada.pub"));
    Files.writeString(dir.resolve("broken.pub"), "actor: x\n");

    KeyRegistry registry = registry(dir);

    assertThat(registry.find(ada.keyId())).isPresent();
  }

  @Test
  void aKeyIdInTwoFilesIsRefusedNotFirstWins() throws Exception {
    Path dir = Files.createDirectory(root.resolve("keys"));
    Files.copy(ada.publicKeyFile(), dir.resolve("ada.pub"));
    Files.copy(ada.publicKeyFile(), dir.resolve("ada-copy.pub"));
    Files.copy(grace.publicKeyFile(), dir.resolve("grace.pub"));
    KeyRegistry registry = registry(dir);

    assertThat(registry.find(ada.keyId())).isEmpty();
    assertThat(registry.find(grace.keyId())).isPresent();

    Files.delete(dir.resolve("ada-copy.pub"));
    nextSecond();
    assertThat(registry.find(ada.keyId())).isPresent();
  }

  /**
   * A Kubernetes ConfigMap volume: the keys are links into {@code ..data}, itself a link to a
   * timestamped directory that an update replaces by swapping {@code ..data}.
   */
  @Test
  void readsAConfigMapVolumeAndFollowsItsUpdates() throws Exception {
    Path dir = Files.createDirectory(root.resolve("keys"));
    Path first = Files.createDirectory(dir.resolve("..2026_12_01_10_00_00.1"));
    Files.copy(ada.publicKeyFile(), first.resolve("ada.pub"));
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Files.createSymbolicLink(dir.resolve("ada.pub"), Path.of("..data", "ada.pub"));
    KeyRegistry registry = registry(dir);
    assertThat(registry.find(ada.keyId())).isPresent();

    // The update: ada's key replaced by grace's under the same name, then ..data swapped.
    Path second = Files.createDirectory(dir.resolve("..2026_12_01_11_00_00.2"));
    Files.copy(grace.publicKeyFile(), second.resolve("ada.pub"));
    Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
    Files.move(swap, dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING);
    nextSecond();

    assertThat(registry.find(ada.keyId())).isEmpty();
    assertThat(registry.find(grace.keyId())).isPresent();
  }

  @Test
  void aMissingDirectoryHoldsNoKeysUntilItAppears() throws Exception {
    Path dir = root.resolve("not-yet");
    KeyRegistry registry = registry(dir);
    assertThat(registry.find(ada.keyId())).isEmpty();

    Files.createDirectory(dir);
    Files.copy(ada.publicKeyFile(), dir.resolve("ada.pub"));
    nextSecond();
    assertThat(registry.find(ada.keyId())).isPresent();

    Files.delete(dir.resolve("ada.pub"));
    Files.delete(dir);
    nextSecond();
    assertThat(registry.find(ada.keyId())).isEmpty();
  }
}
