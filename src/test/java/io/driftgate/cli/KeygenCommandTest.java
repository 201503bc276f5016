package io.driftgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.auth.SigningKey;
import io.driftgate.auth.VerifyingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir Path dir;

  @Test
  void writesBothFilesAndPrintsThemWithTheKeyId() {
    Path out = dir.resolve("new");

    CliRun result = CliRun.run(Map.of(), "keygen", "--actor", "grace", "--out", out.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    String keyId = VerifyingKey.read(out.resolve("grace.pub")).keyId();
    assertThat(SigningKey.read(out.resolve("grace.key")).keyId()).isEqualTo(keyId);
    assertThat(result.out())
        .isEqualTo(
            "key id:      "
                + keyId
                + "\nprivate key: "
                + out.resolve("grace.key")
                + " (keep it secret)\npublic key:  "
                + out.resolve("grace.pub")
                + "\n");
  }

  @Test
  void refusesToOverwriteAKey() throws Exception {
    assertThat(
            CliRun.run(Map.of(), "keygen", "--actor", "grace", "--out", dir.toString()).exitCode())
        .isZero();
    String before = Files.readString(dir.resolve("grace.key"));

    CliRun again = CliRun.run(Map.of(), "keygen", "--actor", "grace", "--out", dir.toString());

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err())
        .contains(dir.resolve("grace.key") + " exists; refusing to overwrite a key");
    assertThat(Files.readString(dir.resolve("grace.key"))).isEqualTo(before);
  }

  @Test
  void aBadActorIsAUsageError() {
    CliRun result =
        CliRun.run(Map.of(), "keygen", "--actor", "grace hopper", "--out", dir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--actor: actor name 'grace hopper' contains whitespace");
    assertThat(dir).isEmptyDirectory();
  }
}
