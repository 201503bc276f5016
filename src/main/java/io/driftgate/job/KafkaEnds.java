package io.driftgate.job;

import io.driftgate.drift.Evaluation;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.outcome.OutcomeParser;
import io.driftgate.rollout.Decision;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.source.OutcomeLines;
import io.driftgate.wire.ControlJson;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.DeadLetterJson;
import io.driftgate.wire.DecisionJson;
import io.driftgate.wire.EvaluationJson;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.RecordParser;
import io.driftgate.wire.RoutingJson;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The production ends: JSON on Kafka in and out, the outcomes optionally from files. Sources read
 * committed data only; every sink is exactly-once (transactions committed on checkpoints), keyed by
 * dataset so that one dataset's messages stay in order on one partition — and the routing topic can
 * be compacted to the latest row per dataset.
 */
public final class KafkaEnds implements JobEnds {

  private static final byte[] EMPTY = new byte[0];

  /** A source's records per poll unless the user sets {@code max.poll.records}. */
  static final int MAX_POLL_RECORDS = 5_000;

  private final JobSettings settings;
  private final JobSettings.Kafka kafka;
  private final ContractCatalog catalog;

  public KafkaEnds(JobSettings settings, ContractCatalog catalog) {
    this.settings = settings;
    this.kafka = settings.kafka();
    this.catalog = catalog;
  }

  @Override
  public DataStream<SourceRecord> records(StreamExecutionEnvironment env) {
    KafkaSource<SourceRecord> source =
        source(
            kafka.recordsTopic(),
            new RecordDeserializer(new TreeMap<>(catalog.fieldLayouts()), settings.recordLimits()));
    return env.fromSource(
            source,
            EventTimeWatermarks.<SourceRecord>strategy(
                SourceRecordTime.INSTANCE, settings.outOfOrderness(), recordsIdleness()),
            "Kafka " + kafka.recordsTopic())
        .uid("kafka-records");
  }

  /**
   * The outcomes topic, read like the records topic (same watermarks, lateness and idleness), and
   * only when a contract has an outcome gate: a job without any needs no such topic. With {@link
   * DriftgateOptions#OUTCOMES_SOURCE} the outcomes come from files instead ({@link OutcomeLines}),
   * with the same watermarks but no idleness: the files end, so they hold event time back only
   * until they are read, and declaring a slow reader idle would make lateness depend on timing.
   */
  @Override
  public DataStream<OutcomeRead> outcomes(StreamExecutionEnvironment env) {
    if (catalog.contracts().stream().allMatch(c -> c.outcomes().isEmpty())) {
      return null;
    }
    OutcomeParser parser =
        new OutcomeParser(
            new TreeSet<>(catalog.asMap().keySet()),
            settings.recordLimits().maxBytes(),
            settings.recordLimits().maxFutureSkewMillis());
    if (settings.outcomesFile() != null) {
      return env.fromSource(
              OutcomeLines.source(settings.outcomesFile(), parser),
              EventTimeWatermarks.<OutcomeRead>strategy(
                  OutcomeRead::eventTime, settings.outOfOrderness(), null),
              "Files " + settings.outcomesFile())
          .uid("file-outcomes");
    }
    KafkaSource<OutcomeRead> source =
        source(kafka.outcomesTopic(), new OutcomeDeserializer(parser));
    return env.fromSource(
            source,
            EventTimeWatermarks.<OutcomeRead>strategy(
                OutcomeRead::eventTime, settings.outOfOrderness(), recordsIdleness()),
            "Kafka " + kafka.outcomesTopic())
        .uid("kafka-outcomes");
  }

  @Override
  public DataStream<ControlRecord> control(StreamExecutionEnvironment env) {
    KafkaSource<ControlRecord> source = source(kafka.controlTopic(), new ControlDeserializer());
    return env.fromSource(
            source,
            kafka.bounded()
                ? EventTimeWatermarks.<ControlRecord>strategy(
                    ControlRecord::eventTime, settings.outOfOrderness(), null)
                : EventTimeWatermarks.<ControlRecord>neverHolding(ControlRecord::eventTime),
            "Kafka " + kafka.controlTopic())
        .uid("kafka-control")
        .setParallelism(1);
  }

  @Override
  public Duration outOfOrderness() {
    return settings.outOfOrderness();
  }

  /**
   * A bounded job has no idleness: every partition ends, so none holds event time for ever, and
   * declaring one idle because it was read slowly would make a replay's lateness depend on timing.
   */
  private Duration recordsIdleness() {
    return kafka.bounded() ? null : settings.idleness();
  }

  @Override
  public boolean bounded() {
    return kafka.bounded();
  }

  @Override
  public void deadLetters(DataStream<DeadLetter> deadLetters) {
    deadLetters
        .sinkTo(sink("dead-letters", kafka.deadLetterTopic(), new DeadLetterSerializer()))
        .uid("kafka-dead-letters")
        .name("Kafka " + kafka.deadLetterTopic());
  }

  @Override
  public void rolloutEvents(DataStream<Decision> decisions) {
    decisions
        .sinkTo(
            sink(
                "rollout-events",
                kafka.rolloutEventsTopic(),
                (KeyedJson<Decision>) d -> keyed(d.dataset(), DecisionJson.toBytes(d))))
        .uid("kafka-rollout-events")
        .name("Kafka " + kafka.rolloutEventsTopic());
  }

  @Override
  public void driftResults(DataStream<Evaluation> evaluations) {
    evaluations
        .sinkTo(
            sink(
                "drift-results",
                kafka.driftResultsTopic(),
                (KeyedJson<Evaluation>) e -> keyed(e.dataset(), EvaluationJson.toBytes(e))))
        .uid("kafka-drift-results")
        .name("Kafka " + kafka.driftResultsTopic());
  }

  @Override
  public void routing(DataStream<RoutingUpdate> updates) {
    updates
        .sinkTo(
            sink(
                "routing",
                kafka.routingTopic(),
                (KeyedJson<RoutingUpdate>)
                    u ->
                        keyed(
                            u.entry().dataset(),
                            RoutingJson.toBytes(u.entry(), u.decisionSequence()))))
        .uid("kafka-routing")
        .name("Kafka " + kafka.routingTopic());
  }

  private <T> KafkaSource<T> source(String topic, KafkaRecordDeserializationSchema<T> schema) {
    KafkaSourceBuilder<T> builder =
        KafkaSource.<T>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topic)
            .setGroupId(kafka.groupId())
            .setStartingOffsets(
                switch (kafka.startingOffsets()) {
                  case COMMITTED_OR_EARLIEST ->
                      OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                  case EARLIEST -> OffsetsInitializer.earliest();
                  case LATEST -> OffsetsInitializer.latest();
                })
            .setDeserializer(schema);
    consumerProperties(kafka).forEach(builder::setProperty);
    if (kafka.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * The Kafka settings of every source. {@code max.poll.records} defaults to {@value
   * #MAX_POLL_RECORDS}, not Kafka's 500: Flink's Kafka source hands each poll's records to the task
   * thread through a queue of two polls, and 500 records are about a millisecond of checking and
   * profiling, so any delay in scheduling the fetcher thread left the task thread idle (JFR: the
   * task parked a fifth of the time while the fetcher waited on the full queue; docs/benchmarks.md,
   * third round). A user's {@code driftgate.kafka.properties.max.poll.records} still wins;
   * transactional isolation does not yield to anything.
   */
  static Map<String, String> consumerProperties(JobSettings.Kafka kafka) {
    Map<String, String> properties = new TreeMap<>();
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
    properties.putAll(kafka.security().clientProperties());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (!kafka.bounded()) {
      properties.put("partition.discovery.interval.ms", "60000");
    }
    return properties;
  }

  /** See {@link KafkaTransactions} for how transactions are named and timed. */
  private <T> KafkaSink<T> sink(String role, String topic, KeyedJson<T> json) {
    KafkaTransactions transactions = kafka.transactions();
    KafkaSinkBuilder<T> builder = KafkaSink.<T>builder();
    kafka.security().clientProperties().forEach(builder::setProperty);
    return builder
        .setBootstrapServers(kafka.bootstrapServers())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactions.sinkIdPrefix(role, topic))
        .setProperty(
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            String.valueOf(transactions.timeout().toMillis()))
        .setRecordSerializer(new TopicSerializer<>(topic, json))
        .build();
  }

  private static byte[][] keyed(String key, byte[] value) {
    return new byte[][] {key.getBytes(StandardCharsets.UTF_8), value};
  }

  /** An element as a Kafka key and value. */
  @FunctionalInterface
  interface KeyedJson<T> extends Serializable {
    byte[][] keyAndValue(T element);
  }

  private static final class DeadLetterSerializer implements KeyedJson<DeadLetter> {
    @Override
    public byte[][] keyAndValue(DeadLetter letter) {
      return keyed(letter.reason().name(), DeadLetterJson.toBytes(letter));
    }
  }

  /**
   * Leaves the Kafka timestamp to the producer, so that an output record is stamped with the time
   * it was produced. The element's event time (a decision's, say) is in the payload; as the Kafka
   * timestamp it would make a replay or backfill of data older than a topic's retention write
   * records that the broker deletes at its next retention check.
   */
  private record TopicSerializer<T>(String topic, KeyedJson<T> json)
      implements KafkaRecordSerializationSchema<T> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        T element, KafkaSinkContext context, Long eventTime) {
      byte[][] kv = json.keyAndValue(element);
      return new ProducerRecord<>(topic, null, null, kv[0], kv[1]);
    }
  }

  /**
   * Parses in the source reader, so the hot path's next step gets a parsed record. The record's row
   * is the parser's and is refilled by the next one: this works because the reader emits each
   * record synchronously (to the chained operator, or serialized to the network) before it
   * deserializes the next.
   */
  static final class RecordDeserializer implements KafkaRecordDeserializationSchema<SourceRecord> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, FieldLayout> layouts;
    private final RecordLimits limits;
    private transient RecordParser parser;

    RecordDeserializer(TreeMap<String, FieldLayout> layouts, RecordLimits limits) {
      this.layouts = layouts;
      this.limits = limits;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
      parser = new RecordParser(layouts);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
      byte[] value = record.value() == null ? EMPTY : record.value();
      out.collect(
          SourceRecords.of(
              limits.parse(parser, value, record.timestamp()),
              value,
              record.topic(),
              record.partition(),
              record.offset(),
              record.timestamp()));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
      return DriftgateTypes.SOURCE_RECORD;
    }
  }

  /** An outcome, or a dead letter with the message's origin and bytes. */
  static final class OutcomeDeserializer implements KafkaRecordDeserializationSchema<OutcomeRead> {
    private static final long serialVersionUID = 1L;
    private final OutcomeParser parser;

    OutcomeDeserializer(OutcomeParser parser) {
      this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<OutcomeRead> out) {
      byte[] value = record.value() == null ? EMPTY : record.value();
      out.collect(
          OutcomeRead.of(
              parser.parse(value, record.timestamp()),
              value,
              DeadLetter.origin(record.topic(), record.partition(), record.offset()),
              record.timestamp()));
    }

    @Override
    public TypeInformation<OutcomeRead> getProducedType() {
      return DriftgateTypes.OUTCOME_READ;
    }
  }

  static final class ControlDeserializer
      implements KafkaRecordDeserializationSchema<ControlRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ControlRecord> out) {
      byte[] value = record.value() == null ? new byte[0] : record.value();
      out.collect(
          ControlRecord.of(
              ControlJson.parse(value),
              value,
              DeadLetter.origin(record.topic(), record.partition(), record.offset()),
              record.timestamp()));
    }

    @Override
    public TypeInformation<ControlRecord> getProducedType() {
      return DriftgateTypes.CONTROL_RECORD;
    }
  }
}
