package io.driftgate.job;

import io.driftgate.rollout.Command;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets through the commands the controller can act on and dead-letters the rest: unparseable
 * messages and commands for datasets without a contract. An operator's typo never fails the job.
 */
public final class ControlRouter extends ProcessFunction<ControlRecord, Command> {

  private static final long serialVersionUID = 1L;

  private final ContractCatalog catalog;
  private final OutputTag<DeadLetter> deadLetters;

  public ControlRouter(ContractCatalog catalog, OutputTag<DeadLetter> deadLetters) {
    this.catalog = catalog;
    this.deadLetters = deadLetters;
  }

  @Override
  public void processElement(ControlRecord record, Context ctx, Collector<Command> out) {
    Command command = record.command();
    if (command == null) {
      reject(record, RejectReason.BAD_COMMAND, record.rejection(), ctx);
    } else if (!catalog.knows(command.dataset())) {
      reject(
          record,
          RejectReason.UNKNOWN_DATASET,
          "command "
              + command.commandId()
              + " names dataset "
              + command.dataset()
              + ", which has no contract",
          ctx);
    } else {
      out.collect(command);
    }
  }

  private void reject(ControlRecord record, RejectReason reason, String detail, Context ctx) {
    ctx.output(
        deadLetters,
        new DeadLetter(
            reason, detail, record.origin(), record.original(), record.observedAtMillis()));
  }
}
