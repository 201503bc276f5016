package io.driftgate.auth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Objects;

/** An actor's public key as the job trusts it: what a command signed under {@code keyId} needs. */
public record VerifyingKey(String keyId, String actor, PublicKey publicKey) {

  static final String ACTOR = "actor";
  static final String KEY_ID = "key-id";
  static final String PUBLIC_KEY = "public-key";

  public VerifyingKey {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /**
   * Reads a {@code .pub} file written by {@link KeyFiles#generate}.
   *
   * @throws KeyFileException naming the file and the problem, also when its key id is not the one
   *     its actor and key give (a file edited by hand)
   */
  public static VerifyingKey read(Path file) {
    KeyFileText text = KeyFileText.read(file, List.of(ACTOR, KEY_ID, PUBLIC_KEY));
    String actor = text.get(ACTOR);
    String actorProblem = KeyIds.actorProblem(actor);
    if (actorProblem != null) {
      throw text.problem(actorProblem);
    }
    PublicKey key;
    try {
      key =
          KeyFactory.getInstance(KeyFiles.ALGORITHM)
              .generatePublic(new X509EncodedKeySpec(text.base64(PUBLIC_KEY)));
    } catch (GeneralSecurityException e) {
      throw text.problem("'" + PUBLIC_KEY + "' is not an Ed25519 public key: " + e.getMessage(), e);
    }
    String expected = KeyIds.of(actor, key);
    if (!expected.equals(text.get(KEY_ID))) {
      throw text.problem(
          "'" + KEY_ID + "' is " + text.get(KEY_ID) + " but actor and key give " + expected);
    }
    return new VerifyingKey(expected, actor, key);
  }
}
