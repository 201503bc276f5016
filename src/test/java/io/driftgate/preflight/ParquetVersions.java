package io.driftgate.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Versions of {@code it.features} as a data engineer's Parquet export: {@code ts, id, x, seg, y},
 * drawn from one distribution per seed, so two versions of different seeds are statistically the
 * same table.
 */
public final class ParquetVersions {

  private static final Schema TIME =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  static final Schema SCHEMA =
      SchemaBuilder.record("row")
          .fields()
          .name("ts")
          .type(Schema.createUnion(Schema.create(Schema.Type.NULL), TIME))
          .withDefault(null)
          .requiredString("id")
          .optionalDouble("x")
          .requiredString("seg")
          .optionalDouble("y")
          .endRecord();

  private ParquetVersions() {}

  /**
   * Writes {@code rows} rows in two files under {@code directory}, one second apart from {@code
   * from}.
   *
   * @param nullX the share of rows, from the first, whose required {@code x} is null
   * @param noTime rows (from the first) whose {@code ts} is null: unreadable
   */
  public static Path write(
      Path directory, String version, int rows, double nullX, int noTime, long seed, Instant from)
      throws IOException {
    Path dir = Files.createDirectories(directory.resolve(version));
    SplittableRandom random = new SplittableRandom(seed);
    int half = rows / 2;
    write(dir.resolve("part-0.parquet"), version, 0, half, rows, nullX, noTime, random, from);
    write(dir.resolve("part-1.parquet"), version, half, rows, rows, nullX, noTime, random, from);
    return dir;
  }

  private static void write(
      Path file,
      String version,
      int fromRow,
      int untilRow,
      int rows,
      double nullX,
      int noTime,
      SplittableRandom random,
      Instant from)
      throws IOException {
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withSchema(SCHEMA)
            .build()) {
      for (int i = fromRow; i < untilRow; i++) {
        GenericRecord row = new GenericData.Record(SCHEMA);
        row.put("ts", i < noTime ? null : from.toEpochMilli() + i * 1_000L);
        row.put("id", version + "-" + i);
        double x = random.nextGaussian();
        row.put("x", i < rows * nullX ? null : x);
        row.put("seg", new String[] {"a", "a", "b", "c"}[random.nextInt(4)]);
        row.put("y", random.nextDouble());
        writer.write(row);
      }
    }
  }
}
