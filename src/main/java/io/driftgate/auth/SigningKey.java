package io.driftgate.auth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Objects;

/** An actor's private key, which the CLI signs that actor's commands with. */
public record SigningKey(String keyId, String actor, PrivateKey privateKey) {

  static final String PRIVATE_KEY = "private-key";

  public SigningKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Reads a {@code .key} file written by {@link KeyFiles#generate}.
   *
   * @throws KeyFileException naming the file and the problem
   */
  public static SigningKey read(Path file) {
    KeyFileText text =
        KeyFileText.read(file, List.of(VerifyingKey.ACTOR, VerifyingKey.KEY_ID, PRIVATE_KEY));
    String actor = text.get(VerifyingKey.ACTOR);
    String actorProblem = KeyIds.actorProblem(actor);
    if (actorProblem != null) {
      throw text.problem(actorProblem);
    }
    String keyId = text.get(VerifyingKey.KEY_ID);
    if (!KeyIds.belongsTo(keyId, actor)) {
      throw text.problem(
          "'"
              + VerifyingKey.KEY_ID
              + "' "
              + keyId
              + " is not of the form "
              + actor
              + "-<12 hex digits>");
    }
    try {
      PrivateKey key =
          KeyFactory.getInstance(KeyFiles.ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(text.base64(PRIVATE_KEY)));
      return new SigningKey(keyId, actor, key);
    } catch (GeneralSecurityException e) {
      throw text.problem(
          "'" + PRIVATE_KEY + "' is not an Ed25519 private key: " + e.getMessage(), e);
    }
  }
}
