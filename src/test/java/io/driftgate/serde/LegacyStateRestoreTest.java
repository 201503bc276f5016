package io.driftgate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateState;
import io.driftgate.job.CommandDeadlines;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.GateInput;
import io.driftgate.job.JavaSerializer;
import io.driftgate.job.RolloutController;
import io.driftgate.job.RolloutController.PendingInputs;
import io.driftgate.job.StoredGates;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import io.driftgate.rollout.HoldReason;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint of the release before the versioned formats, restored into today's controller: its
 * keyed state (the gate, the event-time queue) was Java-serialized. The savepoint is written by a
 * function that keeps that state the way the old controller did, under the same names and with the
 * old serializer; Flink must then migrate it, and the controller carry on from it.
 */
class LegacyStateRestoreTest {

  private static final ContractCatalog CATALOG = new ContractCatalog(List.of(Samples.CONTRACT));

  @Test
  void aControllerRestoresJavaSerializedStateAndCarriesOn() throws Exception {
    OperatorSubtaskState legacySavepoint;
    try (var old =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new OldReleaseState(), GateInput::dataset, Types.STRING)) {
      old.processElement(new GateInput.Control(start()), Samples.minute(0).toEpochMilli());
      old.processElement(new GateInput.Control(pause()), Samples.minute(1).toEpochMilli());
      legacySavepoint = old.snapshot(1, Samples.minute(1).toEpochMilli());
    }

    OperatorSubtaskState migrated;
    try (var restored = controller()) {
      restored.initializeState(legacySavepoint);
      restored.open();
      restored.processWatermark(Samples.minute(1).toEpochMilli());

      assertThat(restored.extractOutputValues())
          .extracting(Decision::sequence, Decision::kind, Decision::reason)
          .containsExactly(tuple(2L, DecisionKind.PAUSED, HoldReason.PAUSED));
      migrated = restored.snapshot(2, Samples.minute(1).toEpochMilli());
    }

    try (var again = controller()) {
      again.initializeState(migrated);
      again.open();
      Command resume = new Command.Resume("resume-1", Samples.DATASET, "alice", Samples.minute(2));
      again.processElement(new GateInput.Control(resume), Samples.minute(2).toEpochMilli());
      again.processWatermark(Samples.minute(2).toEpochMilli());

      assertThat(again.extractOutputValues())
          .extracting(Decision::sequence, Decision::kind)
          .containsExactly(tuple(3L, DecisionKind.RESUMED));
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, GateInput, Decision> controller()
      throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new RolloutController(
                    CATALOG, ProfileSettings.DEFAULTS, CommandDeadlines.none(), StoredGates.NONE)),
            GateInput::dataset,
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    return harness;
  }

  private static Command.Start start() {
    return new Command.Start(
        "start-v2", Samples.DATASET, "bot", Samples.minute(0), "v2", "v1", Samples.CONTRACT.plan());
  }

  private static Command.Pause pause() {
    return new Command.Pause("pause-1", Samples.DATASET, "alice", Samples.minute(1));
  }

  /**
   * The old controller's keyed state, Java-serialized under its names: a start already applied to
   * the gate, and every later command queued for its event time with a timer, as the old controller
   * left them at a savepoint.
   */
  private static final class OldReleaseState extends KeyedProcessFunction<String, GateInput, Void> {

    private transient ValueState<GateState> gates;
    private transient MapState<Long, PendingInputs> queue;

    @Override
    public void open(OpenContext openContext) {
      gates =
          getRuntimeContext()
              .getState(new ValueStateDescriptor<>("gate", new JavaSerializer<>(GateState.class)));
      queue =
          getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>(
                      "queue", LongSerializer.INSTANCE, new JavaSerializer<>(PendingInputs.class)));
    }

    @Override
    public void processElement(GateInput input, Context ctx, Collector<Void> out) throws Exception {
      Command command = ((GateInput.Control) input).command();
      if (command instanceof Command.Start) {
        GateState state = new GateState();
        new DatasetGate(Samples.CONTRACT, ProfileSettings.DEFAULTS, state)
            .onCommand(command, new GateOutput());
        gates.update(state);
      } else {
        queue.put(input.time(), new PendingInputs(List.of(input), null));
        ctx.timerService().registerEventTimeTimer(input.time());
      }
    }
  }
}
