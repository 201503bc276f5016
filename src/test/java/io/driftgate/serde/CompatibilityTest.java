package io.driftgate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.gate.GateState;
import io.driftgate.job.JavaSerializer;
import io.driftgate.rollout.Decision;
import java.io.IOException;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a new serializer's snapshot answers about a saved one, the question Flink 2 asks at restore
 * ({@code newSnapshot.resolveSchemaCompatibility(oldSnapshot)}). Saved snapshots go through their
 * serialized form, class name first, as a savepoint holds them.
 */
class CompatibilityTest {

  static Stream<SampleSet<?>> sets() {
    return SampleSet.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void stateSavedByThisBuildIsCompatibleAsIs(SampleSet<?> set) throws IOException {
    resolvesAsIs(set.serializer());
  }

  private static <T> void resolvesAsIs(VersionedSerializer<T> serializer) throws IOException {
    TypeSerializerSnapshot<T> saved = throughSavepoint(serializer.snapshotConfiguration());

    assertThat(saved).isInstanceOf(serializer.snapshotConfiguration().getClass());
    assertThat(
            serializer.snapshotConfiguration().resolveSchemaCompatibility(saved).isCompatibleAsIs())
        .isTrue();
    assertThat(saved.restoreSerializer()).isEqualTo(serializer);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void javaSerializedStateOfTheSameTypeIsMigrated(SampleSet<?> set) throws IOException {
    resolvesAfterMigration(set);
  }

  private static <T> void resolvesAfterMigration(SampleSet<T> set) throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSnapshot<T> legacy =
        (TypeSerializerSnapshot<T>)
            throughSavepoint(new JavaSerializer(set.serializer().type()).snapshotConfiguration());

    TypeSerializerSchemaCompatibility<T> compatibility =
        set.serializer().snapshotConfiguration().resolveSchemaCompatibility(legacy);

    assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
    assertThat(legacy.restoreSerializer()).isInstanceOf(JavaSerializer.class);
  }

  @Test
  void javaSerializedStateOfAnotherTypeIsIncompatible() throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSnapshot<GateState> legacyDecisions =
        (TypeSerializerSnapshot)
            throughSavepoint(new JavaSerializer<>(Decision.class).snapshotConfiguration());

    assertThat(resolve(legacyDecisions).isIncompatible()).isTrue();
    assertThat(new GateStateSerializer.Snapshot().incompatibility(legacyDecisions))
        .isEqualTo(
            "the driftgate.GateState state was saved by"
                + " io.driftgate.job.JavaSerializer$Snapshot, which this build cannot read");
  }

  @Test
  void aNewerFormatVersionIsIncompatibleAndSaysSo() throws IOException {
    int current = new GateStateSerializer().version();
    GateStateSerializer.Snapshot newer =
        saved("driftgate.GateState", current + 1, "GateState(next)");

    assertThat(resolve(newer).isIncompatible()).isTrue();
    assertThat(new GateStateSerializer.Snapshot().incompatibility(newer))
        .isEqualTo(
            "driftgate.GateState state in format version "
                + (current + 1)
                + " was saved by a newer release; this build reads versions 1 to "
                + current);
  }

  @Test
  void aChangedLayoutUnderTheSameVersionIsIncompatible() throws IOException {
    int current = new GateStateSerializer().version();
    GateStateSerializer.Snapshot changed =
        saved("driftgate.GateState", current, "GateState(other)");

    assertThat(resolve(changed).isIncompatible()).isTrue();
    assertThat(new GateStateSerializer.Snapshot().incompatibility(changed))
        .startsWith(
            "driftgate.GateState version "
                + current
                + " was saved with the schema GateState(other)")
        .endsWith("under the same version: a layout change without a version change");
  }

  @Test
  void anotherFormatIsIncompatible() throws IOException {
    GateStateSerializer.Snapshot other =
        saved("driftgate.Decision", 1, new DecisionSerializer().schema());

    assertThat(resolve(other).isIncompatible()).isTrue();
    assertThat(new GateStateSerializer.Snapshot().incompatibility(other))
        .isEqualTo(
            "state of format driftgate.Decision cannot be read as driftgate.GateState:"
                + " the state descriptor's type changed");
  }

  @Test
  void aSerializerOfFlinksOwnIsIncompatible() throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSnapshot<GateState> strings =
        (TypeSerializerSnapshot)
            throughSavepoint(StringSerializer.INSTANCE.snapshotConfiguration());

    assertThat(resolve(strings).isIncompatible()).isTrue();
  }

  /**
   * Version 2 added the signature, version 3 the start's location and preflight; records in flight
   * or state of version 1 still read.
   */
  @Test
  void controlRecordsSavedInVersionOneAreCompatibleAsIs() throws IOException {
    String versionOneSchema =
        new String(
                GoldenFiles.read("ControlRecord.v1.schema.txt"),
                java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    DataOutputSerializer out = new DataOutputSerializer(1024);
    out.writeUTF("driftgate.ControlRecord");
    out.writeInt(1);
    org.apache.flink.types.StringValue.writeString(versionOneSchema, out);
    ControlRecordSerializer.Snapshot saved = new ControlRecordSerializer.Snapshot();
    saved.readSnapshot(
        1,
        new DataInputDeserializer(out.getCopyOfBuffer()),
        CompatibilityTest.class.getClassLoader());

    assertThat(new ControlRecordSerializer().version()).isEqualTo(3);
    assertThat(
            new ControlRecordSerializer.Snapshot()
                .resolveSchemaCompatibility(saved)
                .isCompatibleAsIs())
        .isTrue();
  }

  @Test
  void theSnapshotRecordsFormatVersionAndSchema() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    new RolloutPlanSerializer().snapshotConfiguration().writeSnapshot(out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());

    assertThat(in.readUTF()).isEqualTo("driftgate.RolloutPlan");
    assertThat(in.readInt()).isEqualTo(1);
    assertThat(org.apache.flink.types.StringValue.readString(in))
        .isEqualTo(new RolloutPlanSerializer().schema());
  }

  private static TypeSerializerSchemaCompatibility<GateState> resolve(
      TypeSerializerSnapshot<GateState> saved) {
    return new GateStateSerializer.Snapshot().resolveSchemaCompatibility(saved);
  }

  /** A GateState snapshot as a build with another format, version or schema would have saved it. */
  private static GateStateSerializer.Snapshot saved(String format, int version, String schema)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeUTF(format);
    out.writeInt(version);
    org.apache.flink.types.StringValue.writeString(schema, out);
    GateStateSerializer.Snapshot snapshot = new GateStateSerializer.Snapshot();
    snapshot.readSnapshot(
        1,
        new DataInputDeserializer(out.getCopyOfBuffer()),
        CompatibilityTest.class.getClassLoader());
    return snapshot;
  }

  static <T> TypeSerializerSnapshot<T> throughSavepoint(TypeSerializerSnapshot<T> snapshot)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), CompatibilityTest.class.getClassLoader());
  }
}
