package io.driftgate.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftgate.rollout.Decision;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a decision decided, as 64 hex digits: the SHA-256 of its kind, reason, phases, versions,
 * stage, exposure, routing change, actor and event time, each length-prefixed ({@code ~} for null)
 * in that order. Two decisions with one id are the same decision exactly when these agree.
 *
 * <p>The message and the evidence are left out: they explain a decision rather than make it, and
 * their wording and the digits of a statistic may change between driftgate versions, which would
 * make a replay across an upgrade look like another decision. The fields are part of the stored
 * schema ({@code rollout_event.fingerprint}): changing them needs a migration that sets the stored
 * fingerprints to {@code NULL}, which reads as unknown.
 */
final class DecisionFingerprint {

  private static final String PREFIX = "driftgate-decision-fingerprint:";
  private static final String NULL = "~";

  private DecisionFingerprint() {}

  static String of(Decision decision) {
    StringBuilder canonical = new StringBuilder(PREFIX);
    append(canonical, decision.kind().name());
    append(canonical, decision.reason().name());
    append(canonical, decision.fromPhase().name());
    append(canonical, decision.toPhase().name());
    append(canonical, decision.candidateVersion());
    append(canonical, decision.baselineVersion());
    append(canonical, Integer.toString(decision.stageIndex()));
    append(canonical, Integer.toString(decision.exposureBasisPoints()));
    append(canonical, Boolean.toString(decision.routingChanged()));
    append(canonical, decision.actor());
    append(canonical, decision.at().toString());
    return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(UTF_8)));
  }

  private static void append(StringBuilder canonical, String field) {
    if (field == null) {
      canonical.append(NULL);
    } else {
      canonical.append(field.length()).append(':').append(field);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
