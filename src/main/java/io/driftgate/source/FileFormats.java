package io.driftgate.source;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.csv.CsvReaderFormat;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.flink.util.jackson.JacksonMapperFactory;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The Flink stream formats that give the decoders their raw records, kept apart from the decoders
 * so that those load without Flink (in {@code driftgate publish}).
 */
final class FileFormats {

  private FileFormats() {}

  /**
   * Parquet through flink-parquet's input file and parquet-avro's reader, each file with its own
   * schema. flink-parquet's {@code AvroParquetReaders.forGenericRecord} wants the Avro schema
   * before any file is opened, for a produced type that is never emitted here; this format reads
   * whatever schema each file has, and {@link ParquetRows#decode} maps its logical types.
   */
  static StreamFormat<GenericRecord> parquet() {
    return new ParquetRecords();
  }

  /**
   * flink-csv's reader of cell arrays, with the header taken off first. {@code driftgate publish}
   * parses with the same settings (wrapped as arrays, empty lines skipped, no schema).
   */
  static StreamFormat<CsvRows.Line> csv() {
    return new Headed(
        CsvReaderFormat.forSchema(
            FileFormats::csvMapper,
            mapper -> CsvSchema.emptySchema(),
            TypeInformation.of(String[].class)));
  }

  private static CsvMapper csvMapper() {
    CsvMapper mapper = JacksonMapperFactory.createCsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    return mapper;
  }

  /** A whole file's records, not split: Parquet row groups are not row numbers. */
  private static final class ParquetRecords implements WholeFileFormat<GenericRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public Reader<GenericRecord> createReader(
        Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
        throws IOException {
      ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  new ParquetInputFile(stream, fileLen), new PlainParquetConfiguration())
              .withDataModel(GenericData.get())
              .build();
      return new Reader<>() {
        @Override
        public GenericRecord read() throws IOException {
          return reader.read();
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }

    @Override
    public TypeInformation<GenericRecord> getProducedType() {
      return TypeInformation.of(GenericRecord.class);
    }
  }

  /** Reads the header when the file is opened, so restored readers skip data rows only. */
  private record Headed(StreamFormat<String[]> cells) implements WholeFileFormat<CsvRows.Line> {

    @Override
    public Reader<CsvRows.Line> createReader(
        Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
        throws IOException {
      Reader<String[]> reader = cells.createReader(config, stream, fileLen, splitEnd);
      String[] header = reader.read();
      return new Reader<>() {
        @Override
        public CsvRows.Line read() throws IOException {
          String[] row = header == null ? null : reader.read();
          return row == null ? null : new CsvRows.Line(header, row);
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }

    @Override
    public TypeInformation<CsvRows.Line> getProducedType() {
      return TypeInformation.of(CsvRows.Line.class);
    }
  }
}
