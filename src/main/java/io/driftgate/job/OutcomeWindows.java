package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Gathers one dataset's outcomes into the event-time windows of the records, and hands each window
 * to the controller when the watermark passes it, so that outcomes and records of the same time are
 * applied in the same step. An outcome whose window was handed over already is a dead letter
 * ({@code LATE}), never a silent drop.
 */
public final class OutcomeWindows extends KeyedProcessFunction<String, Outcome, GateInput> {

  private static final long serialVersionUID = 1L;

  private final EventWindows windows;
  private final OutputTag<DeadLetter> deadLetters;
  private transient MapState<Long, List<Outcome>> open;

  public OutcomeWindows(long windowMillis, OutputTag<DeadLetter> deadLetters) {
    this.windows = new EventWindows(windowMillis);
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext openContext) {
    open =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "open-outcome-windows",
                    Types.LONG,
                    new ListTypeInfo<>(DriftgateTypes.OUTCOME)));
  }

  @Override
  public void processElement(Outcome outcome, Context ctx, Collector<GateInput> out)
      throws Exception {
    long start = windows.start(outcome.eventTimeMillis());
    long last = windows.last(start);
    if (last <= ctx.timerService().currentWatermark()) {
      ctx.output(
          deadLetters,
          new DeadLetter(
              RejectReason.LATE,
              "event time "
                  + outcome.eventTimeMillis()
                  + " is behind the watermark "
                  + ctx.timerService().currentWatermark()
                  + ": its outcome window was judged already",
              "outcomes:" + outcome.dataset(),
              OutcomeEmitter.json(outcome),
              outcome.eventTimeMillis()));
      return;
    }
    List<Outcome> window = open.get(start);
    if (window == null) {
      window = new ArrayList<>();
      ctx.timerService().registerEventTimeTimer(last);
    }
    window.add(outcome);
    open.put(start, window);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<GateInput> out)
      throws Exception {
    long start = windows.start(timestamp);
    List<Outcome> window = open.get(start);
    open.remove(start);
    if (window != null) {
      out.collect(new GateInput.Outcomes(ctx.getCurrentKey(), start, timestamp + 1, window));
    }
  }
}
