package io.driftgate.profile;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the records of one dataset version looked like over a stretch of event time: counts,
 * freshness, and one {@link FieldProfile} per contract field.
 *
 * <p>Profiles are built locally and merged: merging is exact, associative and commutative, and the
 * serialized size is bounded by the settings, not by the number of records.
 */
public final class DatasetProfile {

  /** 2: numeric fields as adaptive-precision bins (1 held DDSketch bins). */
  private static final int FORMAT = 2;

  private final String dataset;
  private final String version;
  private final ProfileSettings settings;
  private final long staleAfterMillis;
  private final Map<String, FieldProfile> fields;
  private final NumericSummary lagMillis;
  private long records;
  private long violatingRecords;
  private long staleRecords;
  private long minEventTime = Long.MAX_VALUE;
  private long maxEventTime = Long.MIN_VALUE;

  private DatasetProfile(
      String dataset,
      String version,
      ProfileSettings settings,
      long staleAfterMillis,
      Map<String, FieldProfile> fields,
      NumericSummary lagMillis) {
    this.dataset = dataset;
    this.version = version;
    this.settings = settings;
    this.staleAfterMillis = staleAfterMillis;
    this.fields = fields;
    this.lagMillis = lagMillis;
  }

  /** An empty profile of {@code version} shaped by the dataset's contract. */
  public static DatasetProfile forContract(
      DataContract contract, String version, ProfileSettings settings) {
    Map<String, FieldProfile> fields = new LinkedHashMap<>();
    for (FieldSpec spec : contract.fields()) {
      fields.put(
          spec.name(), new FieldProfile(spec.name(), FieldKind.of(spec), spec.unique(), settings));
    }
    long staleAfter =
        contract.freshness() == null ? Long.MAX_VALUE : contract.freshness().maxLag().toMillis();
    return new DatasetProfile(
        contract.dataset(), version, settings, staleAfter, fields, new NumericSummary(settings));
  }

  /**
   * Counts one record; its fields are fed through {@link #field(String)}.
   *
   * @param observedAtMillis when the record was observed (e.g. its Kafka timestamp), so that
   *     freshness depends on the input only and a replay yields the same profile
   * @param violated whether the record broke the contract anywhere
   */
  public void recordObserved(long eventTimeMillis, long observedAtMillis, boolean violated) {
    records++;
    if (violated) {
      violatingRecords++;
    }
    long lag = Math.max(0, observedAtMillis - eventTimeMillis);
    lagMillis.add(lag);
    if (lag > staleAfterMillis) {
      staleRecords++;
    }
    minEventTime = Math.min(minEventTime, eventTimeMillis);
    maxEventTime = Math.max(maxEventTime, eventTimeMillis);
  }

  /** Folds {@code other} (same dataset, version and settings) into this profile. */
  public void merge(DatasetProfile other) {
    if (!dataset.equals(other.dataset)
        || !version.equals(other.version)
        || !settings.equals(other.settings)
        || staleAfterMillis != other.staleAfterMillis
        || !fields.keySet().equals(other.fields.keySet())) {
      throw new IllegalArgumentException(
          "cannot merge profile of "
              + other.dataset
              + "@"
              + other.version
              + " into "
              + dataset
              + "@"
              + version
              + ": different dataset, version, settings or fields");
    }
    records += other.records;
    violatingRecords += other.violatingRecords;
    staleRecords += other.staleRecords;
    minEventTime = Math.min(minEventTime, other.minEventTime);
    maxEventTime = Math.max(maxEventTime, other.maxEventTime);
    lagMillis.merge(other.lagMillis);
    fields.forEach((name, field) -> field.merge(other.fields.get(name)));
  }

  /** What another profile must share with this one to be merged with it. */
  public ProfileShape shape() {
    Map<String, ProfileShape.FieldShape> shapes = new LinkedHashMap<>();
    fields.forEach(
        (name, field) ->
            shapes.put(name, new ProfileShape.FieldShape(field.kind(), field.distinct() != null)));
    return new ProfileShape(shapes, settings, staleAfterMillis);
  }

  public FieldProfile field(String name) {
    FieldProfile field = fields.get(name);
    if (field == null) {
      throw new IllegalArgumentException(dataset + "@" + version + " has no field " + name);
    }
    return field;
  }

  public Collection<FieldProfile> fields() {
    return fields.values();
  }

  public String dataset() {
    return dataset;
  }

  public String version() {
    return version;
  }

  public ProfileSettings settings() {
    return settings;
  }

  public long records() {
    return records;
  }

  public long violatingRecords() {
    return violatingRecords;
  }

  public long staleRecords() {
    return staleRecords;
  }

  public NumericSummary lagMillis() {
    return lagMillis;
  }

  /** Earliest event time seen, or {@code Long.MAX_VALUE} when empty. */
  public long minEventTime() {
    return minEventTime;
  }

  /** Latest event time seen, or {@code Long.MIN_VALUE} when empty. */
  public long maxEventTime() {
    return maxEventTime;
  }

  public byte[] toBytes() {
    LockFreeBytes.Out bytes = new LockFreeBytes.Out();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      ProfileText.write(out, dataset);
      ProfileText.write(out, version);
      out.writeInt(settings.numericBins());
      out.writeInt(settings.maxCategories());
      out.writeInt(settings.poolBuckets());
      out.writeInt(settings.distinctLgK());
      out.writeLong(staleAfterMillis);
      out.writeLong(records);
      out.writeLong(violatingRecords);
      out.writeLong(staleRecords);
      out.writeLong(minEventTime);
      out.writeLong(maxEventTime);
      lagMillis.writeTo(out);
      out.writeInt(fields.size());
      for (FieldProfile field : fields.values()) {
        field.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The records of a serialized profile, read from its header alone: counting what a stream of
   * profiles holds must not cost decoding every field's bins.
   */
  public static long recordsOf(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new LockFreeBytes.In(bytes))) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IOException("unknown profile format " + format + ", expected " + FORMAT);
      }
      in.readUTF(); // dataset
      in.readUTF(); // version
      in.skipNBytes(4 * Integer.BYTES + Long.BYTES); // settings, stale-after
      return in.readLong();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a driftgate profile: " + e.getMessage(), e);
    }
  }

  public static DatasetProfile fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new LockFreeBytes.In(bytes))) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IOException("unknown profile format " + format + ", expected " + FORMAT);
      }
      String dataset = in.readUTF();
      String version = in.readUTF();
      ProfileSettings settings =
          new ProfileSettings(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      long staleAfter = in.readLong();
      long records = in.readLong();
      long violating = in.readLong();
      long stale = in.readLong();
      long minEvent = in.readLong();
      long maxEvent = in.readLong();
      NumericSummary lag = NumericSummary.readFrom(in, settings);
      int fieldCount = in.readInt();
      Map<String, FieldProfile> fields = new LinkedHashMap<>();
      for (int i = 0; i < fieldCount; i++) {
        FieldProfile field = FieldProfile.readFrom(in, settings);
        fields.put(field.name(), field);
      }
      DatasetProfile profile =
          new DatasetProfile(dataset, version, settings, staleAfter, fields, lag);
      profile.records = records;
      profile.violatingRecords = violating;
      profile.staleRecords = stale;
      profile.minEventTime = minEvent;
      profile.maxEventTime = maxEvent;
      return profile;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a driftgate profile: " + e.getMessage(), e);
    }
  }
}
