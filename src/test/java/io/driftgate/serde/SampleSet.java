package io.driftgate.serde;

import io.driftgate.gate.GateState;
import io.driftgate.job.RolloutController.PendingInputs;
import io.driftgate.job.WindowProfile;
import io.driftgate.rollout.Decision;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One type's serializer with its sample values, and the golden files they are pinned in. The types
 * whose state earlier releases Java-serialized also have a golden file in that form.
 *
 * @param values the values pinned in the current version's golden file
 * @param earlierValues by format version, the values an older version's golden file holds when they
 *     differ from {@code values} (a version that added a field had fewer samples)
 */
record SampleSet<T>(
    VersionedSerializer<T> serializer,
    List<T> values,
    boolean legacy,
    Map<Integer, List<T>> earlierValues) {

  SampleSet(VersionedSerializer<T> serializer, List<T> values, boolean legacy) {
    this(serializer, values, legacy, Map.of());
  }

  /** The values pinned in the golden file of {@code version}. */
  List<T> valuesIn(int version) {
    return version == serializer.version() ? values : earlierValues.getOrDefault(version, values);
  }

  /** The pinned values and those the domain code computes ({@link Samples#derived()}). */
  @SuppressWarnings("unchecked")
  List<T> roundTripValues() {
    List<T> all = new ArrayList<>(values);
    all.addAll((List<T>) Samples.derived().getOrDefault(serializer.type(), List.of()));
    return all;
  }

  static List<SampleSet<?>> all() {
    return List.of(
        new SampleSet<GateState>(
            new GateStateSerializer(),
            Samples.gateStates(),
            true,
            Map.of(
                1,
                Samples.gateStates().stream().map(Samples::asVersionOne).toList(),
                2,
                Samples.gateStates().stream().map(Samples::asVersionTwo).toList(),
                3,
                Samples.gateStates().stream().map(Samples::asVersionThree).toList(),
                4,
                Samples.gateStates().stream().map(Samples::asVersionFour).toList())),
        new SampleSet<PendingInputs>(
            new PendingInputsSerializer(),
            Samples.pendingInputs(),
            true,
            Map.of(1, Samples.pendingInputsV1(), 2, Samples.pendingInputsV2())),
        new SampleSet<WindowProfile>(new WindowProfileSerializer(), Samples.windowProfiles(), true),
        new SampleSet<>(
            new GateInputSerializer(),
            Samples.gateInputs(),
            false,
            Map.of(1, Samples.gateInputsV1(), 2, Samples.gateInputsV2())),
        new SampleSet<>(
            new CommandSerializer(), Samples.commands(), false, Map.of(1, Samples.commandsV1())),
        new SampleSet<Decision>(
            new DecisionSerializer(), Samples.decisions(), true, Map.of(1, Samples.decisionsV1())),
        new SampleSet<>(
            new EvaluationSerializer(),
            Samples.evaluations(),
            false,
            Map.of(1, Samples.evaluationsV1())),
        new SampleSet<>(new RoutingUpdateSerializer(), Samples.routingUpdates(), false),
        new SampleSet<>(new GateSnapshotSerializer(), Samples.gateSnapshots(), false),
        new SampleSet<>(new DeadLetterSerializer(), Samples.deadLetters(), false),
        new SampleSet<>(new RolloutPlanSerializer(), Samples.plans(), false),
        new SampleSet<>(
            new ControlRecordSerializer(),
            Samples.controlRecords(),
            false,
            Map.of(1, Samples.controlRecordsV1())),
        new SampleSet<>(new SourceRecordSerializer(), Samples.sourceRecords(), false),
        new SampleSet<>(new VersionLocationSerializer(), Samples.versionLocations(), false),
        new SampleSet<>(new OutcomeSerializer(), Samples.outcomes(), false),
        new SampleSet<>(new RoutingHistorySerializer(), Samples.routingHistories(), false));
  }

  /**
   * The values as the last release that Java-serialized them knew them, without what came after it:
   * a gate's recovery hold and its rollout's starter.
   */
  @SuppressWarnings("unchecked")
  List<T> legacyValues() {
    return valuesIn(1).stream()
        .map(v -> v instanceof GateState gate ? (T) Samples.asLegacy(gate) : v)
        .toList();
  }

  /** E.g. {@code GateState}: the format's name without its prefix. */
  String name() {
    return serializer.format().substring(serializer.format().indexOf('.') + 1);
  }

  /** The values in the current format, under {@code src/test/resources/serde/}. */
  String goldenFile() {
    return goldenFile(serializer.version());
  }

  String goldenFile(int version) {
    return name() + ".v" + version + ".bin";
  }

  String schemaFile() {
    return name() + ".v" + serializer.version() + ".schema.txt";
  }

  /** The values as the releases before the versioned formats saved them. */
  String legacyFile() {
    return name() + ".java-serialized.bin";
  }

  @SuppressWarnings("unchecked")
  <S extends Serializable> Class<S> serializableType() {
    return (Class<S>) serializer.type();
  }

  @Override
  public String toString() {
    return name();
  }
}
