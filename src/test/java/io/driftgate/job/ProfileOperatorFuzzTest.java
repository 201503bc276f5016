package io.driftgate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.ContractLoader;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.wire.DeadLetter;
import io.driftgate.wire.DeadLetterJson;
import io.driftgate.wire.RejectReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A million seeded records, over a fifth of them malformed, through the Kafka deserializer and the
 * profiling operator, with a snapshot and a restore into a new operator every 50,000 records: no
 * input may throw, every snapshot must succeed, and every input must end as exactly what it is — an
 * accepted record or one dead letter of its reason. A record after a far-future one is accepted,
 * not late, because the far-future one moved neither the watermark nor the lateness clock. Records
 * of made-up versions beyond the limit of their window are dead-lettered as TOO_MANY_VERSIONS, as a
 * model of the admitted versions of each window predicts, across the restores.
 */
class ProfileOperatorFuzzTest {

  private static final ContractCatalog CATALOG =
      new ContractCatalog(
          List.of(
              ContractLoader.load(Path.of("src/test/resources/fuzz-contracts/fuzz.events.yaml"))));
  private static final long MINUTE = 60_000;
  private static final long BOUND = 10_000;
  private static final int RECORDS = 1_000_000;
  private static final int SNAPSHOT_EVERY = 50_000;
  private static final int WATERMARK_EVERY = 1_000;
  private static final int KAFKA_MAX_MESSAGE_BYTES = 1_048_576;
  private static final int MAX_VERSIONS =
      DriftgateOptions.RECORDS_MAX_VERSIONS_PER_DATASET.defaultValue();
  private static final EventWindows WINDOWS = new EventWindows(MINUTE);

  private long accepted;
  private long deadLettered;
  private long profiledRecords;
  private long violatingRecords;
  private long largeLetters;
  private final Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
  private final List<String> failures = new ArrayList<>();

  @Test
  void aMillionFuzzedRecordsEachEndAsExactlyWhatTheyAre() throws Exception {
    FuzzedRecords fuzz = new FuzzedRecords(20261201L);
    TreeMap<String, io.driftgate.wire.FieldLayout> layouts = new TreeMap<>(CATALOG.fieldLayouts());
    KafkaEnds.RecordDeserializer deserializer =
        new KafkaEnds.RecordDeserializer(layouts, RecordLimits.DEFAULTS);
    deserializer.open(null);
    List<SourceRecord> read = new ArrayList<>(1);
    ListCollector<SourceRecord> collector = new ListCollector<>(read);

    OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness = harness(null);
    long maxSeen = Long.MIN_VALUE;
    long expectedAccepted = 0;
    long acceptedAfterFuture = 0;
    boolean afterFuture = false;
    int snapshots = 0;
    // The versions each open window admitted, in the order the operator saw them.
    Map<Long, Set<String>> admitted = new HashMap<>();
    long tooManyVersions = 0;
    long acceptedOverLimit = 0;
    for (int i = 0; i < RECORDS; i++) {
      FuzzedRecords.Fuzzed input = fuzz.next();
      read.clear();
      deserializer.deserialize(
          RecordDeserializerTest.consumerRecord(
              input.value(), input.kafkaTime(), input.partition()),
          collector);
      SourceRecord source = read.get(0);
      long eventTime = SourceRecordTime.INSTANCE.applyAsLong(source);
      if (eventTime != Long.MIN_VALUE) {
        maxSeen = Math.max(maxSeen, eventTime);
      }
      harness.processElement(source, eventTime == Long.MIN_VALUE ? input.kafkaTime() : eventTime);

      List<DeadLetter> letters = drainLetters(harness);
      boolean profiled =
          source.parsed()
              && (input.accepted() || input.reason() == RejectReason.CONTRACT_VIOLATION);
      if (profiled && !admit(admitted, source)) {
        tooManyVersions++;
        acceptedOverLimit += input.accepted() ? 1 : 0;
        if (letters.size() != 1 || letters.get(0).reason() != RejectReason.TOO_MANY_VERSIONS) {
          failures.add("record " + i + " should be TOO_MANY_VERSIONS: " + letters);
        }
      } else if (input.accepted()) {
        if (!letters.isEmpty()) {
          failures.add("record " + i + " should be accepted: " + letters.get(0).reason());
        }
        expectedAccepted++;
        if (afterFuture) {
          acceptedAfterFuture++;
          afterFuture = false;
        }
      } else {
        if (letters.size() != 1) {
          failures.add("record " + i + " should be dead-lettered once: " + letters.size());
        } else if (input.reason() != null && letters.get(0).reason() != input.reason()) {
          failures.add(
              "record " + i + " should be " + input.reason() + ": " + letters.get(0).reason());
        }
        afterFuture |= input.reason() == RejectReason.FUTURE;
      }
      if (i % WATERMARK_EVERY == WATERMARK_EVERY - 1) {
        long watermark = EventTimeWatermarks.behind(maxSeen, BOUND);
        harness.processWatermark(new Watermark(watermark));
        drainWindows(harness);
        admitted.keySet().removeIf(start -> WINDOWS.last(start) <= watermark);
      }
      if (i % SNAPSHOT_EVERY == SNAPSHOT_EVERY - 1) {
        OperatorSubtaskState snapshot = harness.snapshot(++snapshots, input.kafkaTime());
        harness.close();
        harness = harness(snapshot);
      }
    }
    harness.processWatermark(new Watermark(Long.MAX_VALUE));
    drainWindows(harness);
    harness.close();

    accepted = profiledRecords - violatingRecords;
    double malformedShare = (double) fuzz.malformed() / RECORDS;
    System.out.printf(
        "fuzz: %d records, %.1f%% malformed, %d snapshots, accepted %d, dead-lettered %d,"
            + " %d accepted right after a FUTURE one, %d large dead letters; reasons %s%n",
        RECORDS,
        100 * malformedShare,
        snapshots,
        accepted,
        deadLettered,
        acceptedAfterFuture,
        largeLetters,
        reasons);
    assertThat(failures).isEmpty();
    assertThat(snapshots).isEqualTo(RECORDS / SNAPSHOT_EVERY);
    assertThat(malformedShare).isGreaterThan(0.10);
    assertThat(accepted + deadLettered).isEqualTo(RECORDS);
    assertThat(accepted).isEqualTo(expectedAccepted);
    assertThat(deadLettered).isEqualTo(fuzz.malformed() + acceptedOverLimit);
    assertThat(reasons.get(RejectReason.TOO_MANY_VERSIONS))
        .isEqualTo(tooManyVersions)
        .isGreaterThan(RECORDS / 1_000);
    assertThat(reasons.get(RejectReason.TOO_LARGE)).isEqualTo(RECORDS / 100_000);
    assertThat(largeLetters)
        .as("dead letters of originals over 16 KiB, sizes checked")
        .isPositive();
    assertThat(reasons.get(RejectReason.LATE)).isPositive();
    assertThat(reasons.get(RejectReason.BAD_VERSION)).isPositive();
    assertThat(acceptedAfterFuture).isGreaterThan(1_000);
  }

  /** Whether the operator may profile {@code source}, as the admission rule of a window says. */
  private static boolean admit(Map<Long, Set<String>> admitted, SourceRecord source) {
    Set<String> versions =
        admitted.computeIfAbsent(
            WINDOWS.start(source.record().eventTimeMillis()), start -> new HashSet<>());
    if (versions.contains(source.record().version()) || versions.size() < MAX_VERSIONS) {
      versions.add(source.record().version());
      return true;
    }
    return false;
  }

  private List<DeadLetter> drainLetters(
      OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness) {
    Queue<StreamRecord<DeadLetter>> queue = harness.getSideOutput(DriftgatePipeline.DEAD_LETTERS);
    if (queue == null || queue.isEmpty()) {
      return List.of();
    }
    List<DeadLetter> letters = new ArrayList<>(1);
    for (StreamRecord<DeadLetter> r = queue.poll(); r != null; r = queue.poll()) {
      DeadLetter letter = r.getValue();
      letters.add(letter);
      deadLettered++;
      reasons.merge(letter.reason(), 1L, Long::sum);
      if (letter.original().length > DeadLetterJson.MAX_ORIGINAL_BYTES / 4) {
        int size = DeadLetterJson.toBytes(letter).length;
        if (size >= KAFKA_MAX_MESSAGE_BYTES) {
          failures.add("a dead letter of " + size + " bytes: " + letter.reason());
        }
        largeLetters++;
      }
    }
    return letters;
  }

  private void drainWindows(
      OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness) {
    Queue<Object> output = harness.getOutput();
    for (Object element = output.poll(); element != null; element = output.poll()) {
      if (element instanceof StreamRecord<?> r && r.getValue() instanceof WindowProfile window) {
        DatasetProfile profile = DatasetProfile.fromBytes(window.profile());
        profiledRecords += profile.records();
        violatingRecords += profile.violatingRecords();
      }
    }
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, WindowProfile> harness(
      OperatorSubtaskState restoreFrom) throws Exception {
    var harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProfileOperator(
                CATALOG,
                ProfileSettings.DEFAULTS,
                MINUTE,
                BOUND,
                MAX_VERSIONS,
                DriftgatePipeline.DEAD_LETTERS));
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }
}
