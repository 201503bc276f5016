package io.driftgate.auth;

/** Why a control command was not accepted as coming from its actor. */
public enum AuthFailure {
  /** The message carries no {@code key_id} and {@code signature}. */
  UNSIGNED,
  /** The job's key directory holds no (unambiguous) key of that id. */
  UNKNOWN_KEY,
  /** The signature is not the key's signature of this command: forged, tampered or corrupt. */
  BAD_SIGNATURE,
  /** A valid signature, but by a key of another actor than the command's {@code actor}. */
  WRONG_ACTOR
}
