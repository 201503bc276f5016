package io.driftgate.wire;

import java.util.Objects;

/**
 * A control message's claim of who sent it: the id of the key it was signed with and the base64
 * Ed25519 signature. Carried as read; {@code io.driftgate.auth.Authenticator} decides whether it
 * holds.
 */
public record ControlSignature(String keyId, String signature) implements java.io.Serializable {

  public ControlSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }
}
