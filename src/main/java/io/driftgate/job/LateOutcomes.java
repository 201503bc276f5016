package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The outcomes {@link OutcomeWindows} found late, as {@code LATE} dead letters, counted like the
 * records' ({@code rejected_reason_outcomes{reason="LATE"}}), so that outcomes in = counted +
 * uncounted + unjudged + rejected holds with late ones too. Its own step, after the window
 * operator's side output, because Flink's windows hand late elements over as they are; the detail
 * names the watermark they missed, which this step sees as the window operator left it.
 */
final class LateOutcomes extends ProcessFunction<Outcome, DeadLetter> {

  private static final long serialVersionUID = 1L;

  private transient Counter late;

  @Override
  public void open(OpenContext openContext) {
    late =
        JobMetrics.rejectedOutcomes(
            getRuntimeContext().getMetricGroup().addGroup(JobMetrics.GROUP), RejectReason.LATE);
  }

  @Override
  public void processElement(Outcome outcome, Context ctx, Collector<DeadLetter> out) {
    late.inc();
    out.collect(deadLetter(outcome, ctx.timerService().currentWatermark()));
  }

  /**
   * The dead letter of an outcome whose window was handed over already. The outcome's bytes are
   * those the emitter writes for it (the message's own bytes are not kept past the check), its
   * origin names its dataset, and its time is its event time, so a replay writes the same letter.
   */
  static DeadLetter deadLetter(Outcome outcome, long watermark) {
    return new DeadLetter(
        RejectReason.LATE,
        "event time "
            + outcome.eventTimeMillis()
            + " is behind the watermark "
            + watermark
            + ": its outcome window was judged already",
        "outcomes:" + outcome.dataset(),
        OutcomeEmitter.json(outcome),
        outcome.eventTimeMillis());
  }
}
