package io.driftgate.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.UUID;

/**
 * Decision ids derived from the decision's place in the dataset's history, so that a replay of the
 * same inputs issues the same ids and the alias table and audit log can drop what they already
 * applied.
 *
 * <p>The id is the name-based (MD5, version 3) UUID of the dataset, the candidate version and the
 * dataset's decision sequence number, each length-prefixed so that no two triples share a name. The
 * sequence alone is unique per dataset; the candidate makes an id readable against the wrong
 * rollout as a mismatch rather than a silent collision.
 */
final class DecisionIds {

  private DecisionIds() {}

  static UUID of(String dataset, String candidateVersion, long sequence) {
    String candidate = candidateVersion == null ? "" : candidateVersion;
    String name =
        "driftgate-decision:"
            + dataset.length()
            + ':'
            + dataset
            + candidate.length()
            + ':'
            + candidate
            + sequence;
    return UUID.nameUUIDFromBytes(name.getBytes(UTF_8));
  }
}
