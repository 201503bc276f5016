package io.driftgate.demo;

import io.driftgate.drift.Evaluation;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.ControlRecord;
import io.driftgate.job.EventTimeWatermarks;
import io.driftgate.job.JobEnds;
import io.driftgate.job.SourceRecord;
import io.driftgate.rollout.Decision;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import io.driftgate.wire.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The demo's ends: the {@link DemoScenario} as a rate-limited generator (its rows go through the
 * same JSON parser as Kafka's), its commands as a finite source, and the timeline on the console.
 */
final class DemoEnds implements JobEnds {

  /** The generator's rows are in event-time order; a second is plenty. */
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

  private final DemoScenario scenario;
  private final double recordsPerSecond;
  private final FieldLayout layout;

  /**
   * @param catalog the job's contracts, whose field layout the generated rows are parsed by
   */
  DemoEnds(DemoScenario scenario, double recordsPerSecond, ContractCatalog catalog) {
    this.scenario = scenario;
    this.recordsPerSecond = recordsPerSecond;
    this.layout = catalog.fieldLayouts().getOrDefault(DemoScenario.DATASET, FieldLayout.NONE);
  }

  @Override
  public DataStream<SourceRecord> records(StreamExecutionEnvironment env) {
    DataGeneratorSource<SourceRecord> source =
        new DataGeneratorSource<>(
            new Rows(scenario, layout),
            scenario.records(),
            RateLimiterStrategy.perSecond(recordsPerSecond),
            DriftgateTypes.SOURCE_RECORD);
    return env.fromSource(
            source,
            EventTimeWatermarks.<SourceRecord>strategy(
                r -> r.parsed() ? r.record().eventTimeMillis() : Long.MIN_VALUE,
                OUT_OF_ORDERNESS,
                null),
            "Demo records")
        .uid("demo-records")
        .setParallelism(1);
  }

  @Override
  public Duration outOfOrderness() {
    return OUT_OF_ORDERNESS;
  }

  @Override
  public DataStream<ControlRecord> control(StreamExecutionEnvironment env) {
    List<ControlRecord> commands =
        scenario.commands().stream()
            .map(
                c -> {
                  byte[] json = ControlJson.toBytes(c);
                  return ControlRecord.of(
                      ControlJson.parse(json), json, "demo-control", c.at().toEpochMilli());
                })
            .toList();
    return env.fromData(commands, DriftgateTypes.CONTROL_RECORD)
        .name("Demo commands")
        .setParallelism(1)
        .assignTimestampsAndWatermarks(
            EventTimeWatermarks.<ControlRecord>strategy(
                ControlRecord::eventTime, Duration.ZERO, null))
        .setParallelism(1);
  }

  /** The scenario is finite, and its commands are dated ahead of the generated records. */
  @Override
  public boolean bounded() {
    return true;
  }

  @Override
  public void deadLetters(DataStream<DeadLetter> deadLetters) {
    deadLetters
        .sinkTo(
            new ConsoleSink<>(
                l ->
                    "         dead letter "
                        + l.reason()
                        + " from "
                        + l.origin()
                        + ": "
                        + l.detail()))
        .name("Console dead letters")
        .setParallelism(1);
  }

  @Override
  public void rolloutEvents(DataStream<Decision> decisions) {
    decisions.sinkTo(new ConsoleSink<>(Timeline::line)).name("Console timeline").setParallelism(1);
  }

  @Override
  public void driftResults(DataStream<Evaluation> evaluations) {}

  @Override
  public void routing(DataStream<RoutingUpdate> updates) {}

  /** The first few dead letters of each reason; a spike of thousands would bury the timeline. */
  private static final class FirstDeadLetters
      implements org.apache.flink.util.function.SerializableFunction<DeadLetter, String> {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_PER_REASON = 2;
    private transient java.util.Map<io.driftgate.wire.RejectReason, Integer> seen;

    @Override
    public String apply(DeadLetter letter) {
      if (seen == null) {
        seen = new java.util.EnumMap<>(io.driftgate.wire.RejectReason.class);
      }
      int count = seen.merge(letter.reason(), 1, Integer::sum);
      if (count > SHOWN_PER_REASON) {
        return null;
      }
      return "         dead letter "
          + letter.reason()
          + " from "
          + letter.origin()
          + ": "
          + letter.detail()
          + (count == SHOWN_PER_REASON ? "  (further " + letter.reason() + " not shown)" : "");
    }
  }

  /** Index to parsed row, through the production parser. */
  private static final class Rows implements GeneratorFunction<Long, SourceRecord> {
    private static final long serialVersionUID = 1L;

    /** The generator's rows are in event-time order; a second is plenty. */
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(1);

    private final DemoScenario scenario;
    private final FieldLayout layout;
    private transient RecordParser parser;

    Rows(DemoScenario scenario, FieldLayout layout) {
      this.scenario = scenario;
      this.layout = layout;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
      parser = new RecordParser(Map.of(DemoScenario.DATASET, layout));
    }

    @Override
    public SourceRecord map(Long index) {
      DemoScenario.Row row = scenario.row(index);
      ParseResult parsed = parser.parse(row.json());
      String origin = "demo-generator@" + index;
      return parsed instanceof ObservedRecord record
          ? new SourceRecord(record, null, row.json(), origin, row.observedAtMillis())
          : new SourceRecord(null, (Rejection) parsed, row.json(), origin, row.observedAtMillis());
    }
  }
}
