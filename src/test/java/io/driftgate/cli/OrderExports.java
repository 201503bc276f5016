package io.driftgate.cli;

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
 * Daily exports of {@code sales.orders} as {@code docs/first-table.md} describes them: {@code
 * order_id, amount, channel, discount, created_at}, drawn from one distribution per seed, so two
 * exports of different seeds are statistically the same table.
 */
final class OrderExports {

  private static final Schema SCHEMA =
      SchemaBuilder.record("orders")
          .fields()
          .requiredString("order_id")
          .requiredDouble("amount")
          .requiredString("channel")
          .optionalDouble("discount")
          .name("created_at")
          .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
          .noDefault()
          .endRecord();

  private static final String[] CHANNELS = {"web", "web", "app", "store"};
  private static final double[] DISCOUNTS = {0.0, 0.0, 0.05, 0.1, 0.2};

  private OrderExports() {}

  /**
   * Writes {@code rows} orders placed from {@code from} on, ten seconds apart, as {@code
   * <lake>/<version>/part-0.parquet} and {@code part-1.parquet}; 2 % of the discounts are null.
   */
  static Path write(Path lake, String version, int rows, long seed, Instant from)
      throws IOException {
    Path dir = Files.createDirectories(lake.resolve(version));
    SplittableRandom random = new SplittableRandom(seed);
    int half = rows / 2;
    write(dir.resolve("part-0.parquet"), version, 0, half, random, from);
    write(dir.resolve("part-1.parquet"), version, half, rows, random, from);
    return dir;
  }

  private static void write(
      Path file, String version, int fromRow, int untilRow, SplittableRandom random, Instant from)
      throws IOException {
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withSchema(SCHEMA)
            .build()) {
      for (int i = fromRow; i < untilRow; i++) {
        GenericRecord row = new GenericData.Record(SCHEMA);
        row.put("order_id", version + "-" + i);
        row.put("amount", Math.round(Math.exp(3 + 0.6 * random.nextGaussian()) * 100) / 100.0);
        row.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
        row.put(
            "discount",
            random.nextDouble() < 0.02 ? null : DISCOUNTS[random.nextInt(DISCOUNTS.length)]);
        row.put("created_at", from.toEpochMilli() + i * 10_000L);
        writer.write(row);
      }
    }
  }
}
