package io.driftgate.source;

import io.driftgate.job.SourceRecord;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.source.VersionSource.Branch;
import io.driftgate.source.VersionSource.IcebergTable;
import io.driftgate.source.VersionSource.SnapshotId;
import io.driftgate.source.VersionSource.Tag;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.Rejection;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.reader.ReaderFunction;
import org.apache.iceberg.flink.source.reader.RecordAndPosition;
import org.apache.iceberg.flink.source.reader.RowDataReaderFunction;
import org.apache.iceberg.flink.source.split.IcebergSourceSplit;
import org.apache.iceberg.io.CloseableIterator;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One snapshot of an Iceberg table as {@link SourceRecord}s, through Iceberg's bounded {@code
 * IcebergSource}. The snapshot (an id, a branch's or a tag's head, or the current one) is resolved
 * when the source is built and read by its id, so what is read is what was named even if the branch
 * moves meanwhile. Rows keep Iceberg's reader position: a row's origin is its data file and its
 * number in the file, the same after a restore.
 */
final class IcebergRows {

  private IcebergRows() {}

  static DataStream<SourceRecord> read(
      StreamExecutionEnvironment env,
      VersionSource source,
      RowMapper mapper,
      WatermarkStrategy<SourceRecord> watermarks,
      String name,
      String uid) {
    IcebergTable where = (IcebergTable) source.where();
    Table table;
    try (TableLoader loader = loader(where)) {
      loader.open();
      table = loader.loadTable();
    } catch (IOException e) {
      throw new UncheckedIOException("source of " + name + ": " + e.getMessage(), e);
    }
    Snapshot snapshot = snapshot(table, where, name);
    Schema schema =
        snapshot.schemaId() == null ? table.schema() : table.schemas().get(snapshot.schemaId());
    ReaderFunction<SourceRecord> reader =
        new Reader(
            new RowDataReaderFunction(
                new Configuration(),
                table.schema(),
                schema,
                null,
                true,
                table.io(),
                table.encryption(),
                List.of()),
            new Columns(schema),
            mapper,
            mapper.observedAt(snapshot.timestampMillis()));
    IcebergSource<SourceRecord> iceberg =
        IcebergSource.<SourceRecord>builder()
            .tableLoader(loader(where))
            .useSnapshotId(snapshot.snapshotId())
            .project(schema)
            .streaming(false)
            .readerFunction(reader)
            .build();
    return env.fromSource(iceberg, watermarks, "Iceberg " + name, DriftgateTypes.SOURCE_RECORD)
        .uid("iceberg-" + uid);
  }

  private static TableLoader loader(IcebergTable where) {
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    if (where.warehouse() == null) {
      return TableLoader.fromHadoopTable(where.table(), hadoop);
    }
    return TableLoader.fromCatalog(
        CatalogLoader.hadoop("driftgate", hadoop, Map.of("warehouse", where.warehouse())),
        TableIdentifier.parse(where.table()));
  }

  /** The snapshot {@code where} names, or why there is none. */
  static Snapshot snapshot(Table table, IcebergTable where, String name) {
    String problem;
    if (where.at() instanceof SnapshotId id) {
      Snapshot snapshot = table.snapshot(id.id());
      if (snapshot != null) {
        return snapshot;
      }
      problem = "has no snapshot " + id.id();
    } else if (where.at() instanceof Branch branch) {
      SnapshotRef ref = table.refs().get(branch.name());
      if (ref != null && ref.isBranch()) {
        return table.snapshot(ref.snapshotId());
      }
      problem = "has no branch " + branch.name() + " (refs: " + table.refs().keySet() + ")";
    } else if (where.at() instanceof Tag tag) {
      SnapshotRef ref = table.refs().get(tag.name());
      if (ref != null && ref.isTag()) {
        return table.snapshot(ref.snapshotId());
      }
      problem = "has no tag " + tag.name() + " (refs: " + table.refs().keySet() + ")";
    } else {
      Snapshot current = table.currentSnapshot();
      if (current != null) {
        return current;
      }
      problem = "has no snapshot yet";
    }
    throw new IllegalArgumentException(
        "source of " + name + ": Iceberg table " + where.table() + " " + problem);
  }

  /** {@code iceberg:<data file>#row=17}, with the split's start when a file is split. */
  static String origin(FileScanTask file, long row) {
    String location = file.file().location();
    return file.start() > 0
        ? "iceberg:" + location + "#offset=" + file.start() + ",row=" + row
        : "iceberg:" + location + "#row=" + row;
  }

  /** Iceberg's row reader, with each row mapped to a record in the thread that emits it. */
  private static final class Reader implements ReaderFunction<SourceRecord> {

    private static final long serialVersionUID = 1L;

    private final RowDataReaderFunction rows;
    private final Columns columns;
    private final RowMapper mapper;
    private final long observedAt;

    Reader(RowDataReaderFunction rows, Columns columns, RowMapper mapper, long observedAt) {
      this.rows = rows;
      this.columns = columns;
      this.mapper = mapper;
      this.observedAt = observedAt;
    }

    @Override
    public CloseableIterator<RecordsWithSplitIds<RecordAndPosition<SourceRecord>>> apply(
        IcebergSourceSplit split) {
      CloseableIterator<RecordsWithSplitIds<RecordAndPosition<RowData>>> batches =
          rows.apply(split);
      List<FileScanTask> files = new ArrayList<>(split.task().files());
      return new CloseableIterator<>() {
        @Override
        public boolean hasNext() {
          return batches.hasNext();
        }

        @Override
        public RecordsWithSplitIds<RecordAndPosition<SourceRecord>> next() {
          return new Batch(batches.next(), files);
        }

        @Override
        public void close() throws IOException {
          batches.close();
        }
      };
    }

    private final class Batch implements RecordsWithSplitIds<RecordAndPosition<SourceRecord>> {
      private final RecordsWithSplitIds<RecordAndPosition<RowData>> raw;
      private final List<FileScanTask> files;
      private final RecordAndPosition<SourceRecord> out = new RecordAndPosition<>();

      Batch(RecordsWithSplitIds<RecordAndPosition<RowData>> raw, List<FileScanTask> files) {
        this.raw = raw;
        this.files = files;
      }

      @Override
      public String nextSplit() {
        return raw.nextSplit();
      }

      @Override
      public RecordAndPosition<SourceRecord> nextRecordFromSplit() {
        RecordAndPosition<RowData> next = raw.nextRecordFromSplit();
        if (next == null) {
          return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        columns.read(next.record(), values);
        ParseResult result = mapper.mapToNewRow(values, observedAt);
        String origin = origin(files.get(next.fileOffset()), next.recordOffset());
        byte[] original = Originals.json(values);
        out.set(
            result instanceof ObservedRecord parsed
                ? new SourceRecord(parsed, null, original, origin, observedAt)
                : new SourceRecord(null, (Rejection) result, original, origin, observedAt),
            next.fileOffset(),
            next.recordOffset());
        return out;
      }

      @Override
      public Set<String> finishedSplits() {
        return raw.finishedSplits();
      }

      @Override
      public void recycle() {
        raw.recycle();
      }
    }
  }

  /**
   * An Iceberg row as named values with the value rules of a Parquet file's columns: {@code int},
   * {@code long} → integer; {@code float}, {@code double}, {@code decimal} → number; {@code date} →
   * {@code yyyy-MM-dd}, {@code time} → {@code HH:mm:ss[.fff]} text; {@code timestamp}, {@code
   * timestamptz} (and their nanosecond variants) → epoch millis; {@code binary}, {@code fixed} →
   * Base64; {@code uuid} → text; {@code struct}, {@code map} → objects; {@code list} → arrays.
   */
  static final class Columns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Schema schema;
    private transient RowType rowType;
    private transient RowData.FieldGetter[] getters;

    Columns(Schema schema) {
      this.schema = schema;
    }

    void read(RowData row, Map<String, Object> into) {
      if (getters == null) {
        rowType = FlinkSchemaUtil.convert(schema);
        getters = getters(rowType);
      }
      List<Types.NestedField> fields = schema.columns();
      for (int i = 0; i < fields.size(); i++) {
        into.put(
            fields.get(i).name(),
            value(
                fields.get(i).type(), rowType.getTypeAt(i), getters[i].getFieldOrNull(row), false));
      }
    }

    private static RowData.FieldGetter[] getters(RowType type) {
      RowData.FieldGetter[] getters = new RowData.FieldGetter[type.getFieldCount()];
      for (int i = 0; i < getters.length; i++) {
        getters[i] = RowData.createFieldGetter(type.getTypeAt(i), i);
      }
      return getters;
    }

    /**
     * @param nested inside a struct, list or map, where values are kept as RecordParser boxes a
     *     JSON value (RowWriter normalizes top-level values only)
     */
    private static Object value(Type type, LogicalType logical, Object value, boolean nested) {
      if (value == null) {
        return null;
      }
      switch (type.typeId()) {
        case BOOLEAN, INTEGER, DOUBLE -> {
          return value;
        }
        case LONG -> {
          long l = (Long) value;
          return nested && l == (int) l ? (Object) (int) l : value;
        }
        case FLOAT -> {
          float f = (Float) value;
          return nested && Float.isFinite(f) ? (Object) Double.parseDouble(Float.toString(f)) : f;
        }
        case DECIMAL -> {
          BigDecimal decimal = ((DecimalData) value).toBigDecimal();
          return nested ? (Object) decimal.doubleValue() : decimal;
        }
        case DATE -> {
          return LocalDate.ofEpochDay((Integer) value).toString();
        }
        case TIME -> {
          return LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
        }
        case TIMESTAMP, TIMESTAMP_NANO -> {
          return ((TimestampData) value).getMillisecond();
        }
        case STRING -> {
          return value.toString();
        }
        case UUID -> {
          ByteBuffer bytes = ByteBuffer.wrap((byte[]) value);
          return new UUID(bytes.getLong(), bytes.getLong()).toString();
        }
        case FIXED, BINARY -> {
          return Base64.getEncoder().encodeToString((byte[]) value);
        }
        case STRUCT -> {
          RowType rowType = (RowType) logical;
          RowData row = (RowData) value;
          List<Types.NestedField> fields = type.asStructType().fields();
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < fields.size(); i++) {
            Object field = RowData.createFieldGetter(rowType.getTypeAt(i), i).getFieldOrNull(row);
            map.put(
                fields.get(i).name(),
                value(fields.get(i).type(), rowType.getTypeAt(i), field, true));
          }
          return map;
        }
        case LIST -> {
          LogicalType element = ((ArrayType) logical).getElementType();
          Type elementType = type.asListType().elementType();
          return list((ArrayData) value, elementType, element);
        }
        case MAP -> {
          MapType mapType = (MapType) logical;
          MapData map = (MapData) value;
          List<Object> keys =
              list(map.keyArray(), type.asMapType().keyType(), mapType.getKeyType());
          List<Object> values =
              list(map.valueArray(), type.asMapType().valueType(), mapType.getValueType());
          Map<String, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            out.put(String.valueOf(keys.get(i)), values.get(i));
          }
          return out;
        }
        default -> {
          return value.toString();
        }
      }
    }

    private static List<Object> list(ArrayData array, Type type, LogicalType logical) {
      ArrayData.ElementGetter getter = ArrayData.createElementGetter(logical);
      List<Object> list = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        list.add(value(type, logical, getter.getElementOrNull(array, i), true));
      }
      return list;
    }
  }
}
