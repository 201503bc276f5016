package io.driftgate.cli;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.publish.FileRowReader;
import io.driftgate.publish.JdbcRowReader;
import io.driftgate.publish.Progress;
import io.driftgate.publish.PublishResult;
import io.driftgate.publish.Publisher;
import io.driftgate.publish.Rejects;
import io.driftgate.publish.RowEnvelopes;
import io.driftgate.publish.RowReader;
import io.driftgate.source.SourceSpec;
import io.driftgate.source.VersionSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code driftgate publish}: a dataset version's files onto the records topic. */
@Command(
    name = "publish",
    description = {
      "Sends the rows of a dataset version's file (or directory of files) to the records topic as"
          + " record envelopes, with an idempotent producer, and prints how many rows were sent"
          + " and how many rejected locally. Rows become the records the job's file source makes"
          + " of the same files (docs/publish.md).",
      "",
      "Exit codes: 0 every row sent or rejected locally, 1 a row Kafka did not acknowledge or a"
          + " file that could not be read to its end, 2 bad arguments."
    })
final class PublishCommand implements Callable<Integer> {

  private final CliContext context;

  // no mixinStandardHelpOptions: its --version (the program's) would clash with the dataset's
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Shows this help.")
  boolean help;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "<dataset>",
      description = "The dataset; it must have a contract in --contracts.")
  String dataset;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "<version>",
      description = "The version every row is of.")
  String version;

  @Option(
      names = "--source",
      paramLabel = "<source>",
      description =
          "Instead of --file: the version as a one-line source (docs/sources.md), a file or"
              + " directory (parquet:/lake/v2;event-time=column:ts) or a JDBC query"
              + " (jdbc:postgresql://db/lake;user=gate;password-env=PGPASSWORD;"
              + "event-time=column:ts;query=SELECT ... ORDER BY id). Its event-time replaces the"
              + " event time options.")
  String sourceSpec;

  @Option(
      names = "--file",
      paramLabel = "<path>",
      description =
          "A file, or a directory whose files are read recursively in path order (names starting"
              + " with . or _ are skipped).")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "<format>",
      converter = FormatConverter.class,
      description =
          "parquet, csv or jsonl. Default: from the file extension (.parquet, .csv, .jsonl,"
              + " .ndjson, .json); for a directory, the extension its files share.")
  VersionSource.Format format;

  @ArgGroup(exclusive = true)
  EventTimeOptions eventTime = new EventTimeOptions();

  static final class EventTimeOptions {
    @Option(
        names = "--event-time-column",
        paramLabel = "<column>",
        description =
            "Each row's event time is this column: ISO-8601 text, epoch millis or a Parquet"
                + " timestamp. A row without a readable time is rejected locally. Not a field"
                + " unless the contract declares it.")
    String column;

    @Option(
        names = "--published-at",
        paramLabel = "<instant>",
        converter = ControlOptions.InstantConverter.class,
        description =
            "Every row's event time is the version's publication time, ISO-8601. Default: the"
                + " instant publish starts.")
    Instant publishedAt;
  }

  @Option(
      names = "--cohort-key-column",
      paramLabel = "<column>",
      description =
          "Each row's cohort_key (and Kafka key) is this column. Not a field unless the contract"
              + " declares it. Default: no cohort key; rows are keyed <dataset>/<version>.")
  String cohortKeyColumn;

  @Option(
      names = "--contracts",
      paramLabel = "<dir>",
      defaultValue = "contracts",
      description =
          "Directory of the data contracts (*.yaml), the job's driftgate.contracts.dir."
              + " Default: ${DEFAULT-VALUE}.")
  Path contracts;

  @Option(
      names = "--topic",
      paramLabel = "<topic>",
      defaultValue = Publisher.RECORDS_TOPIC,
      description =
          "The records topic the job reads (its driftgate.topics.records). Default:"
              + " ${DEFAULT-VALUE}.")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "<host:port,...>",
      description = "Kafka bootstrap servers. Default: $" + ControlOptions.BOOTSTRAP_ENV + ".")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "<file>",
      description =
          "Kafka security settings, as for 'driftgate rollout': a properties file with the job's"
              + " driftgate.kafka.* security keys. Default: $"
              + KafkaConfigFile.ENV
              + ", else plaintext.")
  String kafkaConfig;

  @Option(
      names = "--rejects",
      paramLabel = "<file>",
      description =
          "Writes every row rejected locally to this file, one JSON object a line: origin,"
              + " reason, detail. The first "
              + Rejects.PRINTED
              + " are printed either way.")
  Path rejects;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      defaultValue = "PT2M",
      description =
          "How long a row may wait for Kafka's acknowledgement. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(
      names = "--progress",
      description = "Shows progress on stderr even when it is not a terminal.")
  boolean progress;

  PublishCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String servers =
        bootstrapServers != null ? bootstrapServers : context.env(ControlOptions.BOOTSTRAP_ENV);
    if (servers == null || servers.isBlank()) {
      throw CliException.usage(
          "--bootstrap-servers or $" + ControlOptions.BOOTSTRAP_ENV + " is required");
    }
    Map<String, String> security =
        KafkaConfigFile.clientProperties(
            kafkaConfig != null ? kafkaConfig : context.env(KafkaConfigFile.ENV), context);
    VersionSource source = source();
    DataContract contract = contract(contracts, dataset);
    String timeColumn =
        source.eventTime() instanceof VersionSource.Column column ? column.name() : null;
    boolean shown = progress || System.console() != null;
    PublishResult result;
    try (RowReader rows = rows(source, contract, timeColumn);
        Rejects rejected = new Rejects(context.err(), rejects);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(Publisher.producerConfig(servers.strip(), security, timeout))) {
      Publisher publisher =
          new Publisher(
              producer, topic, new Progress(context.err(), shown, System::nanoTime), rejected);
      result =
          publisher.publish(
              dataset, version, rows, new RowEnvelopes(source, contract, cohortKeyColumn));
    } catch (IOException e) {
      throw new CliException(
          CliException.FAILURE,
          "cannot read " + SourceSpec.describe(source) + ": " + e.getMessage(),
          e);
    }
    context.out().println(result.summary());
    if (!result.complete()) {
      throw new CliException(
          CliException.FAILURE,
          result.failed()
              + " of "
              + result.read()
              + " rows not acknowledged"
              + (result.failure() == null ? "" : ": " + result.failure())
              + ". Publishing again sends every row again: the job counts rows it reads twice"
              + " twice.");
    }
    return 0;
  }

  private static RowReader rows(VersionSource source, DataContract contract, String timeColumn)
      throws IOException {
    if (source.where() instanceof VersionSource.Files files) {
      return FileRowReader.open(files.format(), Path.of(files.path()), contract, timeColumn);
    }
    if (source.where() instanceof VersionSource.JdbcQuery query) {
      return JdbcRowReader.open(query);
    }
    throw CliException.usage(
        "--source: publish reads files and JDBC queries; an Iceberg snapshot is read by its"
            + " rollout's preflight (driftgate preflight)");
  }

  private VersionSource source() {
    if ((sourceSpec == null) == (file == null)) {
      throw CliException.usage("one of --file and --source is required");
    }
    if (sourceSpec != null) {
      if (format != null || eventTime.column != null || eventTime.publishedAt != null) {
        throw CliException.usage(
            "--source says its format and event time: --format, --event-time-column and"
                + " --published-at go with --file");
      }
      try {
        return SourceSpec.parse(dataset, version, sourceSpec);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    VersionSource.Format chosen = format != null ? format : inferFormat(file);
    VersionSource.EventTime time =
        eventTime.column != null
            ? VersionSource.EventTime.column(eventTime.column)
            : VersionSource.EventTime.published(
                Objects.requireNonNullElseGet(
                    eventTime.publishedAt, () -> context.clock().instant()));
    try {
      return new VersionSource(dataset, version, chosen, file.toString(), time);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private static VersionSource.Format inferFormat(Path file) {
    List<Path> files;
    try {
      files = FileRowReader.files(file);
    } catch (IOException e) {
      throw CliException.usage("--file: " + e.getMessage());
    }
    TreeSet<String> formats = new TreeSet<>();
    VersionSource.Format found = null;
    for (Path each : files) {
      found = FileRowReader.formatOf(each);
      formats.add(found == null ? "unknown (" + each.getFileName() + ")" : found.name());
    }
    if (formats.size() != 1 || found == null) {
      throw CliException.usage(
          "--format is required: cannot tell the format of "
              + file
              + " from its extension"
              + (formats.isEmpty() ? "s (no files)" : "s " + formats));
    }
    return found;
  }

  /** The dataset's contract from the job's contracts directory. */
  static DataContract contract(Path directory, String dataset) {
    if (!Files.isDirectory(directory)) {
      throw CliException.usage(
          "--contracts: "
              + directory.toAbsolutePath()
              + " is not a directory (the job's driftgate.contracts.dir)");
    }
    TreeSet<String> known = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path each :
          files
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        DataContract contract = ContractLoader.load(each);
        if (contract.dataset().equals(dataset)) {
          return contract;
        }
        known.add(contract.dataset());
      }
    } catch (IOException e) {
      throw CliException.usage("--contracts: cannot list " + directory + ": " + e.getMessage());
    }
    throw CliException.usage(
        "dataset " + dataset + " has no contract in " + directory + " (known: " + known + ")");
  }

  /** {@code parquet}, {@code csv}, {@code jsonl}, any case. */
  static final class FormatConverter implements ITypeConverter<VersionSource.Format> {
    @Override
    public VersionSource.Format convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "parquet" -> VersionSource.Format.PARQUET;
        case "csv" -> VersionSource.Format.CSV;
        case "jsonl", "json-lines", "json_lines", "ndjson" -> VersionSource.Format.JSON_LINES;
        default ->
            throw new TypeConversionException(
                "'" + value + "' is not a format: parquet, csv or jsonl");
      };
    }
  }
}
