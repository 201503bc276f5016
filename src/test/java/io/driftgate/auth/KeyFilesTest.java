package io.driftgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilesTest {

  @TempDir Path dir;

  @Test
  void generatedFilesReadBackAsOneKeyPairWithItsId() throws Exception {
    KeyFiles.Generated generated = KeyFiles.generate("ada", dir);

    VerifyingKey verifying = VerifyingKey.read(generated.publicKeyFile());
    SigningKey signing = SigningKey.read(generated.privateKeyFile());

    assertThat(generated.privateKeyFile()).isEqualTo(dir.resolve("ada.key"));
    assertThat(generated.publicKeyFile()).isEqualTo(dir.resolve("ada.pub"));
    String fingerprint =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(verifying.publicKey().getEncoded()))
            .substring(0, 12);
    assertThat(generated.keyId()).isEqualTo("ada-" + fingerprint);
    assertThat(verifying.keyId()).isEqualTo(generated.keyId());
    assertThat(signing.keyId()).isEqualTo(generated.keyId());
    assertThat(verifying.actor()).isEqualTo("ada");
    assertThat(signing.actor()).isEqualTo("ada");
    assertThat(Files.readString(generated.publicKeyFile()))
        .startsWith("# driftgate control verifying key")
        .contains("\nactor: ada\n", "\nkey-id: " + generated.keyId() + "\n", "\npublic-key: ");
    assertThat(Files.readString(generated.privateKeyFile()))
        .startsWith("# driftgate control signing key")
        .contains("\nprivate-key: ");
  }

  @Test
  void thePrivateFileIsReadableByItsOwnerOnly() throws Exception {
    KeyFiles.Generated generated = KeyFiles.generate("ada", dir);

    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(generated.privateKeyFile())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void neverOverwritesAKey() throws Exception {
    Files.writeString(dir.resolve("ada.pub"), "old");

    assertThatThrownBy(() -> KeyFiles.generate("ada", dir))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("ada.pub");
    assertThat(dir.resolve("ada.key")).doesNotExist();
    assertThat(Files.readString(dir.resolve("ada.pub"))).isEqualTo("old");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "ada lovelace", "tab\tbed", "bell\u0007"})
  void refusesActorNamesThatAreBlankOrHaveWhitespaceOrControls(String actor) {
    assertThatThrownBy(() -> KeyFiles.generate(actor, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor name");
  }

  @Test
  void refusesActorNamesLongerThan255() throws Exception {
    assertThatThrownBy(() -> KeyFiles.generate("a".repeat(256), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 characters, at most 255");
    assertThat(KeyIds.actorProblem("a".repeat(255))).isNull();
  }

  @Test
  void refusesActorNamesThatAreNoFileName() {
    assertThatThrownBy(() -> KeyFiles.generate("../ada", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actor name '../ada' cannot name a key file in " + dir);
  }

  @Test
  void aPublicFileWhoseKeyIdDoesNotMatchItsKeyIsRefused() throws Exception {
    KeyFiles.Generated generated = KeyFiles.generate("ada", dir);
    Path edited = dir.resolve("mallory.pub");
    Files.writeString(
        edited,
        Files.readString(generated.publicKeyFile()).replace("actor: ada", "actor: mallory"));

    assertThatThrownBy(() -> VerifyingKey.read(edited))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(edited + ": 'key-id' is " + generated.keyId())
        .hasMessageContaining("actor and key give mallory-");
  }

  @Test
  void badFilesAreRefusedNamingTheFileAndTheProblem() throws Exception {
    Path file = dir.resolve("bad.pub");

    Files.writeString(file, "# a key\nactor: ada\nkey-id: ada-0123456789ab\n");
    assertThatThrownBy(() -> VerifyingKey.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessage(file + ": missing 'public-key'");

    Files.writeString(file, "actor: ada\nkey-id: k\npublic-key: ***\n");
    assertThatThrownBy(() -> VerifyingKey.read(file))
        .hasMessageStartingWith(file + ": 'public-key' is not base64");

    Files.writeString(file, "actor: ada\nkey-id: k\npublic-key: c2ln\n");
    assertThatThrownBy(() -> VerifyingKey.read(file))
        .hasMessageStartingWith(file + ": 'public-key' is not an Ed25519 public key");

    Files.writeString(file, "actor ada\n");
    assertThatThrownBy(() -> VerifyingKey.read(file))
        .hasMessage(file + ": line 1 is not 'key: value'");

    Files.writeString(file, "colour: blue\n");
    assertThatThrownBy(() -> VerifyingKey.read(file))
        .hasMessageStartingWith(file + ": line 1: unknown key 'colour'");

    Path missing = dir.resolve("missing.key");
    assertThatThrownBy(() -> SigningKey.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(missing + ": cannot read");
  }

  @Test
  void aPrivateFileWithAForeignKeyIdIsRefused() throws Exception {
    KeyFiles.Generated generated = KeyFiles.generate("ada", dir);
    Path edited = dir.resolve("edited.key");
    Files.writeString(
        edited,
        Files.readString(generated.privateKeyFile(), StandardCharsets.UTF_8)
            .replace("actor: ada", "actor: grace"));

    assertThatThrownBy(() -> SigningKey.read(edited))
        .isInstanceOf(KeyFileException.class)
        .hasMessage(
            edited
                + ": 'key-id' "
                + generated.keyId()
                + " is not of the form grace-<12 hex digits>");
  }
}
