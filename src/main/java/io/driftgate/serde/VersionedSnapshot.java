package io.driftgate.serde;

import io.driftgate.job.JavaSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a savepoint records about a {@link VersionedSerializer}: its format's name, the version it
 * wrote and that version's schema. At restore Flink asks the new serializer's snapshot about the
 * saved one, and the answer follows one rule (docs/architecture.md, "State and its formats"):
 *
 * <ul>
 *   <li>the same format at a version this build reads, with the schema this build has for it (or
 *       any schema, for an older version): compatible as is, because every value carries its
 *       version and the serializer reads them all;
 *   <li>the Java serialization of earlier releases ({@link JavaSerializer}) of the same type:
 *       compatible after migration, so Flink reads the old values with the old serializer and
 *       rewrites them in the current format;
 *   <li>anything else, in particular a newer version or a changed schema under the same version:
 *       incompatible. Flink then refuses the restore; the reason is logged, since Flink's answer
 *       cannot carry one, and {@link #incompatibility} gives it to tests.
 * </ul>
 *
 * <p>Subclasses only name their serializer: Flink instantiates a snapshot by its class name, so
 * each type has its own.
 */
public abstract class VersionedSnapshot<T> implements TypeSerializerSnapshot<T> {

  private static final Logger LOG = LoggerFactory.getLogger(VersionedSnapshot.class);

  /** The layout of the snapshot itself, not of the values. */
  private static final int SNAPSHOT_VERSION = 1;

  private final VersionedSerializer<T> current;
  private String format;
  private int version;
  private String schema;

  protected VersionedSnapshot(VersionedSerializer<T> current) {
    this.current = current;
    this.format = current.format();
    this.version = current.version();
    this.schema = current.schema();
  }

  /** The format version the saved values were written in. */
  public int version() {
    return version;
  }

  @Override
  public int getCurrentVersion() {
    return SNAPSHOT_VERSION;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeUTF(format);
    out.writeInt(version);
    BinaryValues.writeString(schema, out);
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
      throws IOException {
    if (readVersion != SNAPSHOT_VERSION) {
      throw new IOException(
          current.format() + " snapshot of an unknown layout version " + readVersion);
    }
    format = in.readUTF();
    version = in.readInt();
    schema = BinaryValues.readString(in);
  }

  /** The current serializer: it reads every version up to its own. */
  @Override
  public TypeSerializer<T> restoreSerializer() {
    return current;
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> oldSerializerSnapshot) {
    if (isLegacy(oldSerializerSnapshot)) {
      return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
    String problem = incompatibility(oldSerializerSnapshot);
    if (problem != null) {
      LOG.error("Cannot restore state: {}", problem);
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    return TypeSerializerSchemaCompatibility.compatibleAsIs();
  }

  /**
   * Why state saved under {@code old} cannot be restored by this build, or {@code null} when it can
   * (as is, or for the Java serialization of earlier releases, after migration).
   */
  public String incompatibility(TypeSerializerSnapshot<?> old) {
    if (isLegacy(old)) {
      return null;
    }
    if (!(old instanceof VersionedSnapshot<?> saved)) {
      return "the "
          + current.format()
          + " state was saved by "
          + old.getClass().getName()
          + ", which this build cannot read";
    }
    if (!saved.format.equals(current.format())) {
      return "state of format "
          + saved.format
          + " cannot be read as "
          + current.format()
          + ": the state descriptor's type changed";
    }
    if (saved.version > current.version()) {
      return current.format()
          + " state in format version "
          + saved.version
          + " was saved by a newer release; this build reads versions 1 to "
          + current.version();
    }
    if (saved.version == current.version() && !saved.schema.equals(current.schema())) {
      return current.format()
          + " version "
          + saved.version
          + " was saved with the schema "
          + saved.schema
          + " but this build has "
          + current.schema()
          + " under the same version: a layout change without a version change";
    }
    return null;
  }

  private boolean isLegacy(TypeSerializerSnapshot<?> old) {
    return old instanceof JavaSerializer.Snapshot<?> legacy
        && legacy.restoreSerializer() instanceof JavaSerializer<?> reader
        && reader.type().equals(current.type());
  }
}
