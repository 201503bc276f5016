package io.driftgate.gate;

import io.driftgate.rollout.RolloutStatus;
import io.driftgate.routing.RoutingEntry;
import java.io.Serializable;
import java.time.Instant;

/**
 * Everything a {@link DatasetGate} keeps for one dataset between inputs: the value of the job's
 * keyed state. Profiles are kept in their canonical serialized form, so the state's size is bounded
 * by the sketch settings and a restored gate is byte-for-byte the gate that was saved.
 */
public final class GateState implements Serializable {

  private static final long serialVersionUID = 1L;

  RolloutStatus status;

  /** The candidate and stage the stage profiles belong to; they restart with every stage. */
  String stageCandidate;

  int stageIndex = -1;

  /** Start of the first window folded into the stage profiles. */
  Instant stageWindowStart;

  byte[] stageCandidateProfile;
  byte[] stageBaselineProfile;

  /** The candidate's profile over its whole rollout: the reference saved if it is promoted. */
  byte[] rolloutCandidateProfile;

  /** The last promoted version and its profile, the baseline when its live stream is silent. */
  String referenceVersion;

  byte[] referenceProfile;

  RoutingEntry routing;

  /** Event time the current rollout started: approvals given before it belong to another. */
  Instant rolloutStartedAt;

  public RolloutStatus status() {
    return status;
  }

  public RoutingEntry routing() {
    return routing;
  }

  public String referenceVersion() {
    return referenceVersion;
  }
}
