package io.driftgate.job;

import io.driftgate.rollout.Command;
import java.io.Serializable;

/**
 * The controller's keyed input: a dataset's merged window profiles and its commands, in one stream
 * so that both wait in the same event-time queue and are applied in event-time order.
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
