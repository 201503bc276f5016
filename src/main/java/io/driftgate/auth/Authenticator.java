package io.driftgate.auth;

import io.driftgate.rollout.Command;
import io.driftgate.wire.ControlSignature;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a control command comes from the actor it names: signed by a key the registry
 * holds, for exactly this command, and that key belongs to the command's actor. Freshness, replay
 * and policy are the caller's: this only answers "who sent it".
 */
public final class Authenticator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final KeyRegistry registry;

  public Authenticator(KeyRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The outcome of {@link #verify}; a refusal's detail names the key id and the claimed actor. */
  public sealed interface Verdict permits Verified, Refused {}

  /** The command was signed by {@code key}, whose actor is the command's. */
  public record Verified(VerifyingKey key) implements Verdict {}

  public record Refused(AuthFailure failure, String detail) implements Verdict {}

  /**
   * @param signature the message's signature members, {@code null} when it had none
   */
  public Verdict verify(Command command, ControlSignature signature) {
    Objects.requireNonNull(command, "command");
    String claimed = "command " + command.commandId() + " claiming actor '" + command.actor() + "'";
    if (signature == null) {
      return new Refused(AuthFailure.UNSIGNED, claimed + " is unsigned");
    }
    Optional<VerifyingKey> found = registry.find(signature.keyId());
    if (found.isEmpty()) {
      return new Refused(
          AuthFailure.UNKNOWN_KEY,
          claimed
              + " is signed with key "
              + signature.keyId()
              + ", which is not in the key directory "
              + registry.directory());
    }
    VerifyingKey key = found.get();
    if (!CommandSignatures.verifies(
        command, signature.keyId(), signature.signature(), key.publicKey())) {
      return new Refused(
          AuthFailure.BAD_SIGNATURE,
          claimed + " does not carry a valid signature of key " + signature.keyId());
    }
    if (!key.actor().equals(command.actor())) {
      return new Refused(
          AuthFailure.WRONG_ACTOR,
          claimed + " is signed with key " + signature.keyId() + " of actor '" + key.actor() + "'");
    }
    return new Verified(key);
  }
}
