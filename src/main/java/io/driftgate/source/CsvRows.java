package io.driftgate.source;

import io.driftgate.contract.DataContract;
import io.driftgate.contract.FieldSpec;
import io.driftgate.contract.LogicalType;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CSV with a header row, each line an array of cells (read by flink-csv in the job, {@link
 * FileFormats#csv()}, and by the same Jackson CSV parser with the same settings in {@code driftgate
 * publish}), the first naming the columns. Cells are text; a cell becomes the value a JSON producer
 * would have written for the contract's type of its column (see {@code docs/sources.md}): an empty
 * cell is null, a number column's cell in JSON number syntax a number, a boolean column's {@code
 * true}/{@code false} a boolean; anything else stays text, so the contract check reports it as the
 * Kafka path would.
 */
public final class CsvRows implements RowDecoder<CsvRows.Line> {

  private static final long serialVersionUID = 1L;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final HashMap<String, LogicalType> types = new HashMap<>();

  /**
   * @param timeColumn the event-time column, or {@code null}: a column the contract does not
   *     declare is typed as a timestamp, so that a cell of digits is epoch millis
   */
  public CsvRows(DataContract contract, String timeColumn) {
    if (timeColumn != null) {
      types.put(timeColumn, LogicalType.TIMESTAMP);
    }
    for (FieldSpec field : contract.fields()) {
      types.put(field.name(), field.type());
    }
  }

  /** One data line with the file's header. */
  public record Line(String[] header, String[] cells) {}

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
}
