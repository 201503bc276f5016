package io.driftgate.job;

import io.driftgate.outcome.Outcome;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Gathers one dataset's outcomes into the event-time windows of the records (Flink's tumbling
 * windows, aligned on the epoch as the records' are) and hands each window to the controller when
 * the watermark passes it, so that outcomes and records of the same time are applied in the same
 * step. An outcome whose window was handed over already is a dead letter ({@code LATE}, {@link
 * LateOutcomes}), never a silent drop.
 */
final class OutcomeWindows extends ProcessWindowFunction<Outcome, GateInput, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private static final OutputTag<Outcome> LATE =
      new OutputTag<>("late-outcomes", DriftgateTypes.OUTCOME);

  /** Windowed outcomes and, as dead letters, the late ones. */
  record Windows(DataStream<GateInput> inputs, DataStream<DeadLetter> late) {}

  static Windows of(DataStream<Outcome> outcomes, Duration size) {
    SingleOutputStreamOperator<GateInput> inputs =
        outcomes
            .keyBy(Outcome::dataset)
            .window(TumblingEventTimeWindows.of(size))
            .sideOutputLateData(LATE)
            .process(new OutcomeWindows())
            .returns(DriftgateTypes.GATE_INPUT)
            .uid("outcome-windows")
            .name("Outcome windows by dataset");
    DataStream<DeadLetter> late =
        inputs
            .getSideOutput(LATE)
            .process(new LateOutcomes())
            .returns(DriftgateTypes.DEAD_LETTER)
            .uid("late-outcomes")
            .name("Late outcomes");
    return new Windows(inputs, late);
  }

  @Override
  public void process(
      String dataset, Context context, Iterable<Outcome> elements, Collector<GateInput> out) {
    List<Outcome> window = new ArrayList<>();
    elements.forEach(window::add);
    TimeWindow time = context.window();
    out.collect(new GateInput.Outcomes(dataset, time.getStart(), time.getEnd(), window));
  }
}
