package io.driftgate.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * Actor names and key ids. A key id is {@code <actor>-<fingerprint>} so that an audit line naming
 * the key also names its owner, and a new key of the same actor gets a new id.
 */
public final class KeyIds {

  /** The longest actor name; the audit log's actor column holds it. */
  public static final int MAX_ACTOR_LENGTH = 255;

  private static final int FINGERPRINT_HEX_CHARS = 12;

  private KeyIds() {}

  /** {@code <actor>-<first 12 hex chars of SHA-256 of the X.509 encoding>}. */
  public static String of(String actor, PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return actor + "-" + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Why {@code actor} cannot name a key's owner, or {@code null} when it can. */
  public static String actorProblem(String actor) {
    if (actor == null || actor.isBlank()) {
      return "an actor name must not be blank";
    }
    if (actor.length() > MAX_ACTOR_LENGTH) {
      return "actor name has " + actor.length() + " characters, at most " + MAX_ACTOR_LENGTH;
    }
    if (actor.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return "actor name '" + actor + "' contains whitespace or a control character";
    }
    return null;
  }

  /** Whether {@code keyId} is one {@link #of} gives for {@code actor}, whatever the key. */
  static boolean belongsTo(String keyId, String actor) {
    String prefix = actor + "-";
    return keyId.startsWith(prefix)
        && keyId.length() == prefix.length() + FINGERPRINT_HEX_CHARS
        && keyId.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
