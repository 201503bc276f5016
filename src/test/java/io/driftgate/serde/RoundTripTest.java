package io.driftgate.serde;

import static io.driftgate.serde.SameValue.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.contract.ContractLoader;
import io.driftgate.drift.Evidence;
import io.driftgate.gate.DatasetGate;
import io.driftgate.gate.GateOutput;
import io.driftgate.gate.GateState;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.AbandonedCandidates;
import io.driftgate.rollout.AdvanceApprovals;
import io.driftgate.rollout.BreachStreaks;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.Phase;
import io.driftgate.rollout.RolloutStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value reads back equal and writes back to the same bytes. */
class RoundTripTest {

  static Stream<SampleSet<?>> sets() {
    return SampleSet.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void everyValueReadsBackEqualAndWritesBackTheSameBytes(SampleSet<?> set) throws IOException {
    roundTrip(set);
  }

  private static <T> void roundTrip(SampleSet<T> set) throws IOException {
    VersionedSerializer<T> serializer = set.serializer();
    for (T value : set.roundTripValues()) {
      byte[] bytes = bytes(serializer, value);
      T back = read(serializer, bytes);

      assertSameValue(back, value);
      assertThat(bytes(serializer, back)).isEqualTo(bytes);
      assertThat(bytes(serializer, serializer.copy(value))).isEqualTo(bytes);
      DataOutputSerializer copied = new DataOutputSerializer(bytes.length);
      serializer.copy(new DataInputDeserializer(bytes), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
    }
  }

  @Test
  void recordsWithoutArraysReadBackEqualByTheirOwnEquals() throws IOException {
    for (Decision decision : Samples.decisions()) {
      assertThat(read(new DecisionSerializer(), bytes(new DecisionSerializer(), decision)))
          .isEqualTo(decision);
    }
    for (Command command : Samples.commands()) {
      assertThat(read(new CommandSerializer(), bytes(new CommandSerializer(), command)))
          .isEqualTo(command);
    }
    RolloutStatus status = Samples.handMadeStatus();
    GateState state =
        read(new GateStateSerializer(), bytes(new GateStateSerializer(), stateOf(status)));
    assertThat(state.status()).isEqualTo(status);
  }

  @Test
  void doublesKeepTheirBitsNaNPayloadAndNegativeZeroIncluded() throws IOException {
    Decision rollback = Samples.decisions().get(1);
    Evidence evidence =
        read(new DecisionSerializer(), bytes(new DecisionSerializer(), rollback))
            .evidence()
            .get(0)
            .evidence();

    assertThat(Double.doubleToRawLongBits(evidence.fixedSamplePValue()))
        .isEqualTo(0x7ff8_0000_0000_0123L);
    assertThat(Double.doubleToRawLongBits(evidence.margin()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(evidence.sketchError()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void listsReadBackUnmodifiable() throws IOException {
    Decision decision =
        read(new DecisionSerializer(), bytes(new DecisionSerializer(), Samples.decisions().get(0)));
    GateState state =
        read(new GateStateSerializer(), bytes(new GateStateSerializer(), Samples.handMadeState()));

    assertThatThrownBy(() -> decision.evidence().add(Samples.gateResult()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> state.saved().recentCommandIds().add("c-9"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> state.status().abandoned().versions().add("v9"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** The streaks' map iterates in an order that changes between JVMs; the bytes must not. */
  @Test
  void breachStreaksGiveTheSameBytesWhateverTheMapsOrder() throws IOException {
    Map<String, Integer> oneWay = new LinkedHashMap<>();
    oneWay.put("a", 1);
    oneWay.put("b", 2);
    oneWay.put("c", 3);
    Map<String, Integer> otherWay = new LinkedHashMap<>();
    otherWay.put("c", 3);
    otherWay.put("a", 1);
    otherWay.put("b", 2);

    assertThat(bytes(new GateStateSerializer(), stateOf(withStreaks(otherWay))))
        .isEqualTo(bytes(new GateStateSerializer(), stateOf(withStreaks(oneWay))));
  }

  @Test
  void nullsWhereTheTypesAllowThemReadBackAsNulls() throws IOException {
    GateState empty =
        read(new GateStateSerializer(), bytes(new GateStateSerializer(), new GateState()));

    assertThat(empty.saved())
        .isEqualTo(
            new GateState.Saved(
                null,
                null,
                -1,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                RoutingHistory.EMPTY,
                List.of(),
                null));
  }

  /** The strongest equality there is for a gate: it decides the same from there on. */
  @Test
  void aRestoredGateDecidesWhatTheOriginalDecides() throws IOException {
    GateState original = Samples.run().state();
    GateState restored =
        read(new GateStateSerializer(), bytes(new GateStateSerializer(), original));

    assertThat(continueRollout(restored)).isEqualTo(continueRollout(original));
    assertThat(continueRollout(Samples.run().state())).extracting(Decision::kind).isNotEmpty();
  }

  @Test
  void aValueOfANewerFormatVersionIsRefusedWithTheReason() {
    int current = new GateStateSerializer().version();
    byte[] bytes = {(byte) (current + 1), 0, 0, 0};

    assertThatThrownBy(() -> read(new GateStateSerializer(), bytes))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "driftgate.GateState value in format version "
                + (current + 1)
                + ", but this build reads versions 1 to "
                + current
                + ": it was written by a newer release, or is not a driftgate.GateState");
  }

  private static List<Decision> continueRollout(GateState state) {
    DatasetGate gate =
        new DatasetGate(
            ContractLoader.load(
                java.nio.file.Path.of("src/test/resources/it-contracts/it.features.yaml")),
            ProfileSettings.DEFAULTS,
            state);
    GateOutput out = new GateOutput();
    gate.onCommand(
        new Command.Resume("resume-1", Samples.DATASET, "alice", Samples.minute(3)), out);
    for (int m = 3; m < 6; m++) {
      gate.onWindow(
          Samples.minute(m),
          Samples.minute(m + 1),
          Map.of("v1", Samples.window("v1", m), "v2", Samples.window("v2", m)),
          out);
    }
    return out.decisions();
  }

  private static RolloutStatus withStreaks(Map<String, Integer> streaks) {
    return new RolloutStatus(
        Samples.DATASET,
        "v2",
        "v1",
        Samples.plan(),
        Phase.STAGE,
        0,
        Samples.T0,
        null,
        100,
        new BreachStreaks(streaks),
        null,
        false,
        3,
        AbandonedCandidates.NONE,
        AdvanceApprovals.NONE,
        "start-v2");
  }

  private static GateState stateOf(RolloutStatus status) {
    GateState.Saved empty = new GateState().saved();
    return GateState.restored(
        new GateState.Saved(
            status,
            empty.stageCandidate(),
            empty.stageIndex(),
            0,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            RoutingHistory.EMPTY,
            List.of(),
            null));
  }

  static <T> byte[] bytes(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  static <T> T read(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    T value = serializer.deserialize(in);
    assertThat(in.available()).as("bytes left").isZero();
    return value;
  }
}
