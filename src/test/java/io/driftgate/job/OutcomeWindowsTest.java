package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.Harm;
import io.driftgate.contract.OutcomeGate;
import io.driftgate.contract.OutcomeTest;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateState;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.OutcomeEmitter;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.RejectReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The late path of {@link OutcomeWindows} on the operators {@link OutcomeWindows#of} builds, taken
 * from its transformations and driven by explicit watermarks: what is late depends on nothing but
 * the order of elements and watermarks, so the test is the same on any machine at any load.
 */
class OutcomeWindowsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final long START = T0.toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final String DATASET = "it.features";
  private static final DataContract CONTRACT =
      ContractLoader.load(Path.of("src/test/resources/it-contracts/it.features.yaml"))
          .withOutcomes(
              List.of(
                  new OutcomeGate(
                      "model_score", OutcomeTest.MEAN, Harm.DECREASE, 0.01, true, true, 10)));

  @Test
  void anOutcomeBehindTheWatermarkOfItsJudgedWindowIsALateDeadLetterCountedLikeTheRecords()
      throws Exception {
    Chain chain = Chain.of(Duration.ofMinutes(1));
    HarnessMetrics metrics = new HarnessMetrics();
    List<Outcome> in = new ArrayList<>();
    try (var windows = chain.windows();
        MockEnvironment environment = metrics.environment();
        var late = chain.late(environment)) {
      windows.open();
      late.open();

      Outcome first = outcome("u1", START + 10_000);
      Outcome lastOfWindow = outcome("u2", START + MINUTE - 1);
      send(windows, in, first, lastOfWindow);
      // The watermark passes the first minute: its window is handed to the controller.
      Watermark passed = new Watermark(START + MINUTE - 1);
      windows.processWatermark(passed);
      late.processWatermark(passed); // as the window operator forwards it to the chained step

      Outcome behind = outcome("u3", START + 30_000);
      Outcome atTheWatermark = outcome("u4", START + MINUTE - 1);
      Outcome nextWindow = outcome("u5", START + MINUTE);
      send(windows, in, behind, atTheWatermark, nextWindow);
      for (StreamRecord<Outcome> record : windows.getSideOutput(chain.lateTag())) {
        late.processElement(record);
      }
      windows.processWatermark(new Watermark(START + 2 * MINUTE - 1));

      List<GateInput.Outcomes> judged =
          windows.extractOutputValues().stream().map(GateInput.Outcomes.class::cast).toList();
      assertThat(judged)
          .extracting(GateInput.Outcomes::windowStart, GateInput.Outcomes::windowEnd)
          .containsExactly(tuple(START, START + MINUTE), tuple(START + MINUTE, START + 2 * MINUTE));
      assertThat(judged.get(0).outcomes()).containsExactlyInAnyOrder(first, lastOfWindow);
      assertThat(judged.get(1).outcomes()).containsExactly(nextWindow);

      List<DeadLetter> letters = late.extractOutputValues();
      assertThat(letters)
          .extracting(DeadLetter::reason)
          .containsExactly(RejectReason.LATE, RejectReason.LATE);
      DeadLetter letter = letters.get(0);
      assertThat(letter.detail())
          .isEqualTo(
              "event time "
                  + (START + 30_000)
                  + " is behind the watermark "
                  + (START + MINUTE - 1)
                  + ": its outcome window was judged already");
      assertThat(letter.origin()).isEqualTo("outcomes:" + DATASET);
      assertThat(letter.original()).isEqualTo(OutcomeEmitter.json(behind));
      assertThat(letter.observedAtMillis()).isEqualTo(behind.eventTimeMillis());
      assertThat(letters.get(1).original()).isEqualTo(OutcomeEmitter.json(atTheWatermark));

      long rejected =
          metrics.counter(
              "."
                  + String.join(
                      ".",
                      JobMetrics.GROUP,
                      JobMetrics.REJECTED,
                      JobMetrics.REASON,
                      RejectReason.LATE.name(),
                      JobMetrics.REJECTED_OUTCOMES));
      assertThat(rejected).as("counted where the records' LATE ones are").isEqualTo(2);

      // What the controller makes of the windows: every windowed outcome counted, uncounted
      // (here NO_ROLLOUT: no rollout was started) or unjudged.
      DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
      GateOutput output = new GateOutput();
      for (GateInput.Outcomes window : judged) {
        gate.onOutcomes(
            Instant.ofEpochMilli(window.windowStart()),
            Instant.ofEpochMilli(window.windowEnd()),
            window.outcomes(),
            output);
      }
      long uncounted = output.uncountedOutcomes().values().stream().mapToLong(n -> n).sum();
      assertThat(in)
          .as("in = counted + uncounted + unjudged + rejected")
          .hasSize(
              (int) (output.countedOutcomes() + uncounted + output.unjudgedOutcomes() + rejected));
    }
  }

  @Test
  void nothingIsLateWhileTheWatermarkIsBeforeTheWindowsEnd() throws Exception {
    Chain chain = Chain.of(Duration.ofMinutes(1));
    try (var windows = chain.windows()) {
      windows.open();
      List<Outcome> in = new ArrayList<>();
      send(windows, in, outcome("u1", START + 50_000));
      windows.processWatermark(new Watermark(START + MINUTE - 2));
      send(windows, in, outcome("u2", START + 1));
      windows.processWatermark(new Watermark(START + MINUTE - 1));

      assertThat(windows.getSideOutput(chain.lateTag())).isNullOrEmpty();
      assertThat(windows.extractOutputValues())
          .singleElement()
          .satisfies(w -> assertThat(((GateInput.Outcomes) w).outcomes()).hasSize(2));
    }
  }

  private static void send(
      OneInputStreamOperatorTestHarness<Outcome, ?> harness, List<Outcome> in, Outcome... outcomes)
      throws Exception {
    for (Outcome outcome : outcomes) {
      in.add(outcome);
      harness.processElement(outcome, outcome.eventTimeMillis());
    }
  }

  private static Outcome outcome(String key, long eventTime) {
    return Outcome.of(DATASET, "model_score", key, 0.5, eventTime, null);
  }

  /** The window operator and the late step {@link OutcomeWindows#of} wires, and the tag between. */
  private record Chain(
      OneInputTransformation<Outcome, GateInput> windowing,
      OneInputTransformation<Outcome, DeadLetter> lateness,
      OutputTag<Outcome> lateTag) {

    @SuppressWarnings("unchecked")
    static Chain of(Duration size) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      OutcomeWindows.Windows built =
          OutcomeWindows.of(
              env.fromData(List.of(outcome("u0", START)), DriftgateTypes.OUTCOME), size);
      var windowing =
          (OneInputTransformation<Outcome, GateInput>) built.inputs().getTransformation();
      var lateness = (OneInputTransformation<Outcome, DeadLetter>) built.late().getTransformation();
      var side = (SideOutputTransformation<Outcome>) lateness.getInputs().get(0);
      assertThat(side.getInputs()).containsExactly(windowing);
      return new Chain(windowing, lateness, side.getOutputTag());
    }

    @SuppressWarnings("unchecked")
    KeyedOneInputStreamOperatorTestHarness<String, Outcome, GateInput> windows() throws Exception {
      return new KeyedOneInputStreamOperatorTestHarness<>(
          windowing.getOperatorFactory(),
          (KeySelector<Outcome, String>) windowing.getStateKeySelector(),
          (TypeInformation<String>) windowing.getStateKeyType());
    }

    OneInputStreamOperatorTestHarness<Outcome, DeadLetter> late(MockEnvironment environment)
        throws Exception {
      return new OneInputStreamOperatorTestHarness<>(lateness.getOperator(), environment);
    }
  }
}
