package io.driftgate.serde;

import static io.driftgate.serde.SameValue.assertSameValue;
import static io.driftgate.serde.SameValue.assertSameValueUpToNaNPayload;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.job.JavaSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State written by earlier formats, from bytes committed under {@code src/test/resources/serde/}:
 * version 1 of every format, and the Java serialization of the releases before it for the types
 * they kept in state, and every later version of a format (ControlRecord version 2 added the
 * signature). The files were written once by {@link GoldenFilesWriter}, whose Javadoc has the
 * command; a new format version adds files beside them and keeps these.
 */
class GoldenFilesTest {

  static Stream<SampleSet<?>> sets() {
    return SampleSet.all().stream();
  }

  static Stream<SampleSet<?>> legacySets() {
    return SampleSet.all().stream().filter(SampleSet::legacy);
  }

  /** Every format version of every set, oldest first. */
  static Stream<Arguments> versions() {
    return SampleSet.all().stream()
        .flatMap(
            set ->
                IntStream.rangeClosed(1, set.serializer().version())
                    .mapToObj(version -> Arguments.of(set, version)));
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("versions")
  void everyVersionsBytesReadAsItsSamples(SampleSet<?> set, int version) throws IOException {
    readsAsSamples(set, version);
  }

  /**
   * The current version's bytes are written alike; an older version's values, rewritten in the
   * current one, read back the same.
   */
  private static <T> void readsAsSamples(SampleSet<T> set, int version) throws IOException {
    byte[] golden = GoldenFiles.read(set.goldenFile(version));

    List<T> values = GoldenFiles.decode(set.serializer(), golden);

    assertSameValue(values, set.valuesIn(version));
    byte[] rewritten = GoldenFiles.encode(set.serializer(), values);
    if (version == set.serializer().version()) {
      assertThat(rewritten).isEqualTo(golden);
    } else {
      assertSameValue(GoldenFiles.decode(set.serializer(), rewritten), set.valuesIn(version));
    }
  }

  /** Fails when a layout changed without its version: raise the version, add a reader. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void theCurrentVersionsSchemaIsTheCommittedOne(SampleSet<?> set) throws IOException {
    assertThat(new String(GoldenFiles.read(set.schemaFile()), StandardCharsets.UTF_8))
        .isEqualTo(set.serializer().schema() + "\n");
  }

  /**
   * What a restore from a savepoint of the release before does: the old serializer reads, the new
   * one writes, and the values survive both.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("legacySets")
  void javaSerializedStateReadsAsTheSamplesAndMigratesToVersionOne(SampleSet<?> set)
      throws IOException {
    migrates(set);
  }

  @SuppressWarnings("unchecked")
  private static <T, S extends Serializable> void migrates(SampleSet<T> set) throws IOException {
    JavaSerializer<S> legacy = new JavaSerializer<>(set.serializableType());

    List<T> values = (List<T>) GoldenFiles.decode(legacy, GoldenFiles.read(set.legacyFile()));

    assertSameValueUpToNaNPayload(values, set.legacyValues());
    assertSameValueUpToNaNPayload(
        GoldenFiles.decode(set.serializer(), GoldenFiles.encode(set.serializer(), values)),
        set.legacyValues());
  }
}
