package io.driftgate.serde;

import io.driftgate.job.JavaSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the golden files of {@link GoldenFilesTest} from {@link Samples}: once per format version,
 * never again for a version already committed (that would hide the change the files are there to
 * catch). Run from the project directory:
 *
 * <pre>
 * ./mvnw -B -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.driftgate.serde.GoldenFilesWriter
 * </pre>
 *
 * The Java-serialized files were written by the release before the versioned formats, whose {@link
 * JavaSerializer} is kept to restore its savepoints.
 */
public final class GoldenFilesWriter {

  private GoldenFilesWriter() {}

  public static void main(String[] args) throws IOException {
    Files.createDirectories(GoldenFiles.DIRECTORY);
    for (SampleSet<?> set : SampleSet.all()) {
      write(set);
    }
  }

  /** Writes only the files that do not exist: a committed version's bytes are never rewritten. */
  private static <T> void write(SampleSet<T> set) throws IOException {
    Path golden = GoldenFiles.DIRECTORY.resolve(set.goldenFile());
    if (!Files.exists(golden)) {
      Files.write(golden, GoldenFiles.encode(set.serializer(), set.values()));
    }
    Path schema = GoldenFiles.DIRECTORY.resolve(set.schemaFile());
    if (!Files.exists(schema)) {
      Files.writeString(schema, set.serializer().schema() + "\n", StandardCharsets.UTF_8);
    }
    Path legacy = GoldenFiles.DIRECTORY.resolve(set.legacyFile());
    if (set.legacy() && !Files.exists(legacy)) {
      Files.write(legacy, legacyBytes(set));
    }
  }

  @SuppressWarnings("unchecked")
  private static <S extends Serializable> byte[] legacyBytes(SampleSet<?> set) throws IOException {
    return GoldenFiles.encode(
        new JavaSerializer<S>(set.serializableType()), (List<S>) set.legacyValues());
  }
}
