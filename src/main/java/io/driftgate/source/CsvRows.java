package io.driftgate.source;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.LogicalType;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.csv.CsvReaderFormat;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * CSV with a header row: flink-csv reads each line as an array of cells, the first names the
 * columns. Cells are text; a cell becomes the value a JSON producer would have written for the
 * contract's type of its column (see {@code docs/sources.md}): an empty cell is null, a number
 * column's cell in JSON number syntax a number, a boolean column's {@code true}/{@code false} a
 * boolean; anything else stays text, so the contract check reports it as the Kafka path would.
 */
final class CsvRows implements RowDecoder<CsvRows.Line> {

  private static final long serialVersionUID = 1L;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final HashMap<String, LogicalType> types = new HashMap<>();

  /**
   * @param timeColumn the event-time column, or {@code null}: a column the contract does not
   *     declare is typed as a timestamp, so that a cell of digits is epoch millis
   */
  CsvRows(DataContract contract, String timeColumn) {
    if (timeColumn != null) {
      types.put(timeColumn, LogicalType.TIMESTAMP);
    }
    for (FieldSpec field : contract.fields()) {
      types.put(field.name(), field.type());
    }
  }

  /** One data line with the file's header. */
  record Line(String[] header, String[] cells) {}

  /** The stream format: flink-csv's reader of cell arrays, with the header taken off first. */
  static StreamFormat<Line> format() {
    return new Headed(
        CsvReaderFormat.forSchema(
            CsvRows::mapper,
            mapper -> CsvSchema.emptySchema(),
            TypeInformation.of(String[].class)));
  }

  private static CsvMapper mapper() {
    CsvMapper mapper = JacksonMapperFactory.createCsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    return mapper;
  }

  @Override
  public Rejection decode(Line line, Map<String, Object> columns) {
    String[] header = line.header();
    String[] cells = line.cells();
    if (cells.length != header.length) {
      return new Rejection(
          RejectReason.MALFORMED_JSON,
          "row has " + cells.length + " cells, the header " + header.length + " columns");
    }
    for (int i = 0; i < cells.length; i++) {
      if (columns.put(header[i], typed(types.get(header[i]), cells[i])) != null
          || columns.size() != i + 1) {
        return new Rejection(
            RejectReason.MALFORMED_JSON, "the header names column '" + header[i] + "' twice");
      }
    }
    return null;
  }

  @Override
  public byte[] original(Line line, Map<String, Object> columns) {
    Map<String, Object> cells = new java.util.LinkedHashMap<>();
    for (int i = 0; i < Math.min(line.header().length, line.cells().length); i++) {
      cells.put(line.header()[i], line.cells()[i]);
    }
    return Originals.json(cells);
  }

  /** A cell as the value of its column's contract type; undeclared columns stay text. */
  static Object typed(LogicalType type, String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    if (type == null) {
      return cell;
    }
    switch (type) {
      case INTEGER, NUMBER, TIMESTAMP -> {
        if (INTEGER.matcher(cell).matches()) {
          BigInteger value = new BigInteger(cell);
          return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }
        if (type != LogicalType.TIMESTAMP && DECIMAL.matcher(cell).matches()) {
          return Double.parseDouble(cell);
        }
        return cell;
      }
      case BOOLEAN -> {
        return switch (cell) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> cell;
        };
      }
      default -> {
        return cell;
      }
    }
  }

  /** Reads the header when the file is opened, so restored readers skip data rows only. */
  private record Headed(StreamFormat<String[]> cells) implements WholeFileFormat<Line> {

    @Override
    public Reader<Line> createReader(
        Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
        throws IOException {
      Reader<String[]> reader = cells.createReader(config, stream, fileLen, splitEnd);
      String[] header = reader.read();
      return new Reader<>() {
        @Override
        public Line read() throws IOException {
          String[] row = header == null ? null : reader.read();
          return row == null ? null : new Line(header, row);
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }

    @Override
    public TypeInformation<Line> getProducedType() {
      return TypeInformation.of(Line.class);
    }
  }
}
