package io.driftgate.publish;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.driftgate.contract.DataContract;
import io.driftgate.source.CsvRows;
import io.driftgate.source.JsonLines;
import io.driftgate.source.ParquetRows;
import io.driftgate.source.RowDecoder;
import io.driftgate.source.VersionSource;
import io.driftgate.wire.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The rows of a file, or of every file under a directory (recursively, sorted by path, hidden files
 * and directories, those starting with {@code .} or {@code _}, left out as Flink's file source
 * leaves them out), decoded by the job's own decoders ({@link ParquetRows}, {@link CsvRows}, {@link
 * JsonLines}). Row numbers are those of the file source's dead letters: the n-th record of a
 * Parquet file, the n-th data row after a CSV header (empty lines are not rows), the line number of
 * a JSON-lines file.
 */
public final class FileRowReader implements RowReader {

  private final Iterator<Path> files;
  private final Opener opener;
  private final Map<String, Object> columns = new LinkedHashMap<>();
  private FileRows current;

  private FileRowReader(List<Path> files, Opener opener) {
    this.files = files.iterator();
    this.opener = opener;
  }

  /**
   * @param contract the dataset's contract: CSV cells are typed by its field types
   * @param timeColumn the event-time column, or {@code null}; in CSV, a column the contract does
   *     not declare is typed as a timestamp, so that a cell of digits is epoch millis
   */
  public static FileRowReader open(
      VersionSource.Format format, Path path, DataContract contract, String timeColumn)
      throws IOException {
    Opener opener =
        switch (format) {
          case PARQUET -> FileRowReader::parquet;
          case CSV -> {
            CsvRows decoder = new CsvRows(contract, timeColumn);
            yield file -> csv(file, decoder);
          }
          case JSON_LINES -> FileRowReader::jsonLines;
        };
    return new FileRowReader(files(path), opener);
  }

  /**
   * The files a path stands for: itself, or the files under it, sorted, hidden ones left out.
   *
   * @throws IOException when {@code path} does not exist or cannot be listed
   */
  public static List<Path> files(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " does not exist");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(path.relativize(file)))
          .sorted()
          .toList();
    }
  }

  /** The format a file's extension names, or {@code null}. */
  public static VersionSource.Format formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return VersionSource.Format.PARQUET;
    }
    if (name.endsWith(".csv")) {
      return VersionSource.Format.CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return VersionSource.Format.JSON_LINES;
    }
    return null;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Row next() throws IOException {
    while (true) {
      if (current == null) {
        if (!files.hasNext()) {
          return null;
        }
        current = opener.open(files.next());
      }
      columns.clear();
      Row row = current.next(columns);
      if (row != null) {
        return row;
      }
      current.close();
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** {@code file:/data/part-0.csv#row=17}, as the file source names a row. */
  static String origin(Path file, long row) {
    return "file:" + file.toAbsolutePath() + "#row=" + row;
  }

  private interface Opener {
    FileRows open(Path file) throws IOException;
  }

  /** One open file's rows. */
  private interface FileRows extends java.io.Closeable {
    /** The next row, its columns put into {@code columns}, or {@code null} at the file's end. */
    Row next(Map<String, Object> columns) throws IOException;
  }

  /** Raw records of one file decoded by a source decoder. */
  private abstract static class Decoded<T> implements FileRows {
    private final Path file;
    private final RowDecoder<T> decoder;
    private long row;

    Decoded(Path file, RowDecoder<T> decoder) {
      this.file = file;
      this.decoder = decoder;
    }

    /** The next raw record, or {@code null}. */
    abstract T read() throws IOException;

    @Override
    public Row next(Map<String, Object> columns) throws IOException {
      T raw = read();
      row++;
      while (raw != null && decoder.skip(raw)) {
        raw = read();
        row++;
      }
      if (raw == null) {
        return null;
      }
      Rejection problem = decoder.decode(raw, columns);
      if (problem != null) {
        columns.clear();
      }
      return new Row(origin(file, row), columns, problem);
    }
  }

  private static FileRows parquet(Path file) throws IOException {
    ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                new LocalInputFile(file), new PlainParquetConfiguration())
            .withDataModel(GenericData.get())
            .build();
    return new Decoded<>(file, new ParquetRows()) {
      @Override
      GenericRecord read() throws IOException {
        return reader.read();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  /**
   * The job's CSV settings ({@code FileFormats.csv()} in {@code io.driftgate.source}): cells as
   * arrays, empty lines skipped, no schema; the first row is the header.
   */
  private static FileRows csv(Path file, CsvRows decoder) throws IOException {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    BufferedReader text = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    MappingIterator<String[]> cells;
    try {
      cells = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text);
    } catch (IOException | RuntimeException e) {
      text.close();
      throw e;
    }
    String[] header = nextCells(cells, file);
    return new Decoded<>(file, decoder) {
      @Override
      CsvRows.Line read() throws IOException {
        String[] row = header == null ? null : nextCells(cells, file);
        return row == null ? null : new CsvRows.Line(header, row);
      }

      @Override
      public void close() throws IOException {
        cells.close();
      }
    };
  }

  private static String[] nextCells(MappingIterator<String[]> cells, Path file) throws IOException {
    try {
      return cells.hasNextValue() ? cells.nextValue() : null;
    } catch (RuntimeException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static FileRows jsonLines(Path file) throws IOException {
    BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return new Decoded<>(file, new JsonLines()) {
      @Override
      String read() throws IOException {
        try {
          return lines.readLine();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }

  /** For tests: every row of {@code reader}, detached. */
  static List<Row> readAll(RowReader reader) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Row row = reader.next(); row != null; row = reader.next()) {
      rows.add(new Row(row.origin(), new LinkedHashMap<>(row.columns()), row.problem()));
    }
    return rows;
  }
}
