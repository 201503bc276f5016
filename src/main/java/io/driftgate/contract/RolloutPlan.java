package io.driftgate.contract;

import java.util.List;

/**
 * How a candidate is exposed: stages of growing exposure, the last at 100%, and how long a
 * non-critical breach must persist before it rolls back.
 *
 * @param rollbackWindow consecutive breaching evaluations that trigger a rollback
 */
public record RolloutPlan(List<Stage> stages, int rollbackWindow) implements java.io.Serializable {

  public RolloutPlan {
    stages = List.copyOf(stages);
  }
}
