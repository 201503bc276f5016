package io.driftgate.job;

import io.driftgate.drift.Evaluation;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.rollout.Decision;
import io.driftgate.wire.DeadLetter;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's sources and its stream sinks, handed to {@link DriftgatePipeline}: Kafka in production
 * ({@link KafkaEnds}), a generator and a console in the demo, finite inputs in tests. The JDBC
 * sinks are not ends: every deployment writes the alias table.
 */
public interface JobEnds {

  /** Records with event-time timestamps and watermarks assigned. */
  DataStream<SourceRecord> records(StreamExecutionEnvironment env);

  /**
   * How far the records' watermark trails the newest event time of each partition: also the bound
   * of the lateness rule ({@link PartitionClocks}), which must be the watermark's for a record the
   * rule accepts to find its window open.
   */
  Duration outOfOrderness();

  /**
   * The consumers' outcome records with event-time timestamps and watermarks assigned, or {@code
   * null} when the job reads none (no contract has an outcome gate, or the ends have no such
   * source).
   */
  default DataStream<OutcomeRead> outcomes(StreamExecutionEnvironment env) {
    return null;
  }

  /** Control messages with event-time timestamps and watermarks assigned. */
  DataStream<ControlRecord> control(StreamExecutionEnvironment env);

  /**
   * Whether both sources end. A job that reads to an end is flushed by its final watermark, so it
   * applies every command in event-time order and gives commands no deadline in processing time: a
   * replay or backfill decides exactly as event time says, however fast it reads.
   */
  boolean bounded();

  void deadLetters(DataStream<DeadLetter> deadLetters);

  void rolloutEvents(DataStream<Decision> decisions);

  void driftResults(DataStream<Evaluation> evaluations);

  void routing(DataStream<RoutingUpdate> updates);
}
