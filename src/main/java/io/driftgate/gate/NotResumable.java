package io.driftgate.gate;

import java.io.Serializable;

/**
 * A rollout a job started without its state found in the database but cannot run: kept as it was
 * stored, so that it is written back unchanged until an operator ends it, with the reason every
 * refusal repeats.
 */
public record NotResumable(GateSnapshot.Rollout stored, String why) implements Serializable {

  private static final long serialVersionUID = 1L;
}
