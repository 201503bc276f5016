package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.rollout.Command;
import java.io.Serializable;
import java.util.List;

/**
 * The controller's keyed input: a dataset's merged window profiles, its outcome windows and its
 * commands, in one stream so that both wait in the same event-time queue and are applied in
 * event-time order.
 */
public sealed interface GateInput extends Serializable {

  String dataset();

  /** The event time at which the input takes effect. */
  long time();

  record Window(WindowProfile profile) implements GateInput {
    @Override
    public String dataset() {
      return profile.dataset();
    }

    @Override
    public long time() {
      return profile.windowEnd() - 1;
    }
  }

  /**
   * A dataset's outcome records of one event-time window, in a deterministic order: observations of
   * its consumers, which the gate assigns to cohorts by the routing in force at their event time.
   */
  record Outcomes(String dataset, long windowStart, long windowEnd, List<Outcome> outcomes)
      implements GateInput {
    public Outcomes {
      outcomes = List.copyOf(outcomes);
    }

    @Override
    public long time() {
      return windowEnd - 1;
    }
  }

  record Control(Command command) implements GateInput {
    @Override
    public String dataset() {
      return command.dataset();
    }

    @Override
    public long time() {
      return command.at().toEpochMilli();
    }
  }
}
