package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.wire.DeadLetter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes the outcomes on and the messages that were none to the dead letters, with their reason.
 */
final class OutcomeCheck extends ProcessFunction<OutcomeRead, Outcome> {

  private static final long serialVersionUID = 1L;

  private final OutputTag<DeadLetter> deadLetters;

  OutcomeCheck(OutputTag<DeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void processElement(OutcomeRead read, Context ctx, Collector<Outcome> out) {
    if (read.outcome() != null) {
      out.collect(read.outcome());
    } else {
      ctx.output(deadLetters, read.rejected());
    }
  }
}
