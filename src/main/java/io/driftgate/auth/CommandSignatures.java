package io.driftgate.auth;

import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs and verifies control commands. The signed bytes are a domain prefix, the key id and the
 * command's canonical JSON ({@link ControlJson#toBytes(Command)}: no signature members, the
 * command's own {@code at}), so a signature binds every field the job acts on, cannot be moved to
 * another key id, and cannot be mistaken for a signature of anything else.
 */
public final class CommandSignatures {

  /** The first line of the signed bytes; a new version of the scheme gets a new line. */
  static final String DOMAIN = "driftgate-control-signature-v1\n";

  private CommandSignatures() {}

  /** {@code "driftgate-control-signature-v1\n" + keyId + "\n"}, then the canonical command. */
  public static byte[] signedBytes(Command command, String keyId) {
    byte[] head = (DOMAIN + keyId + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = ControlJson.toBytes(command);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** The base64 Ed25519 signature of {@code command} under {@code key}. */
  public static String sign(Command command, SigningKey key) {
    try {
      Signature signer = Signature.getInstance(KeyFiles.ALGORITHM);
      signer.initSign(key.privateKey());
      signer.update(signedBytes(command, key.keyId()));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with key " + key.keyId() + ": " + e, e);
    }
  }

  /**
   * Whether {@code signatureBase64} is {@code key}'s signature of {@code command} under {@code
   * keyId}; {@code false}, never an exception, for malformed input.
   */
  public static boolean verifies(
      Command command, String keyId, String signatureBase64, PublicKey key) {
    if (command == null
        || command.at() == null
        || keyId == null
        || signatureBase64 == null
        || key == null) {
      return false;
    }
    try {
      byte[] signature = Base64.getDecoder().decode(signatureBase64);
      Signature verifier = Signature.getInstance(KeyFiles.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(signedBytes(command, keyId));
      return verifier.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
