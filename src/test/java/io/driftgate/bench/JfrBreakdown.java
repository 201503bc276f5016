package io.driftgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled job's time and allocation go, from a Java Flight Recording: a reproducible
 * breakdown instead of a flame graph read by eye.
 *
 * <p>Each {@code jdk.ExecutionSample} is attributed to the category of the <em>first</em> frame,
 * from the top of its stack, that matches a category's rule ({@link #CATEGORIES}, in order): a
 * sample in {@code java.lang.Math.log} called from a sketch is the sketch's, one in {@code
 * HashMap.get} called from the profiling operator is the operator's. Samples are split by thread:
 * the task thread (the chained source reader and profiling operator, {@code Source: ...}), the
 * Kafka source's fetcher thread ({@code Source Data Fetcher ...}, which polls and decompresses) and
 * everything else. A sample stands for the sampling period of on-CPU Java time, so samples × period
 * / records is CPU time per record; GC threads are native and not sampled, so GC is given from
 * {@code jdk.GarbageCollection} and {@code jdk.GCPhasePause} instead.
 *
 * <p>Allocation: {@code jdk.ThreadAllocationStatistics} gives each thread's exact allocated bytes
 * (first and last value of the recording), {@code jdk.ObjectAllocationSample} the sampled bytes by
 * class and by the allocating code's category.
 *
 * <p>Run: {@code java -cp <test classpath> io.driftgate.bench.JfrBreakdown job.jfr <records>
 * [top]}; {@code top} (default 12) is how many top frames to list per category.
 */
public final class JfrBreakdown {

  /** The sampling period of {@code jdk.ExecutionSample} in JFR's "profile" settings. */
  private static final Duration PERIOD = Duration.ofMillis(Long.getLong("periodMillis", 10));

  private record Category(String name, Predicate<String> frame) {}

  private static Predicate<String> prefixes(String... prefixes) {
    return frame -> {
      for (String prefix : prefixes) {
        if (frame.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * The categories, tried in this order on each frame from the top of the stack down. Frames are
   * {@code fully.qualified.Class.method}.
   */
  static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "parse (Jackson, RecordParser, FieldRow)",
              prefixes(
                  "io.driftgate.wire.RecordParser",
                  "io.driftgate.wire.FieldRow",
                  "io.driftgate.wire.FieldLayout",
                  "io.driftgate.wire.StringPool",
                  "io.driftgate.wire.EventTimeJson",
                  "io.driftgate.wire.IsoInstant",
                  "io.driftgate.wire.JsonTokens",
                  "io.driftgate.wire.Envelope",
                  "io.driftgate.wire.EnvelopeReader",
                  "com.fasterxml.jackson.",
                  "ch.randelshofer.fastdoubleparser.")),
          new Category("check (contract)", prefixes("io.driftgate.contract.")),
          new Category("profile (sketches, counts)", prefixes("io.driftgate.profile.")),
          new Category(
              "deserializer (SourceRecord, limits)",
              prefixes(
                  "io.driftgate.job.KafkaEnds$RecordDeserializer",
                  "io.driftgate.job.SourceRecord",
                  "io.driftgate.job.RecordLimits",
                  "io.driftgate.wire.EventTimes",
                  "io.driftgate.wire.ObservedRecord",
                  "org.apache.flink.connector.kafka.source.reader.deserializer.")),
          new Category(
              "watermarks & timestamps",
              prefixes(
                  "io.driftgate.job.EventTimeWatermarks",
                  "io.driftgate.job.SourceRecordTime",
                  "org.apache.flink.api.common.eventtime.",
                  "org.apache.flink.streaming.api.operators.source.",
                  "org.apache.flink.streaming.runtime.watermark",
                  "org.apache.flink.streaming.runtime.operators.TimestampsAndWatermarks")),
          new Category(
              "metrics (Flink, driftgate)",
              prefixes(
                  "org.apache.flink.metrics.",
                  "org.apache.flink.runtime.metrics.",
                  "io.driftgate.job.JobMetrics",
                  "io.driftgate.job.ProfileMetrics")),
          new Category(
              "profile operator (windows, lateness, dispatch)",
              prefixes(
                  "io.driftgate.job.ProfileOperator",
                  "io.driftgate.job.PartitionClocks",
                  "io.driftgate.job.EventWindows")),
          new Category(
              "merge, sinks, benchmark counters",
              prefixes(
                  "io.driftgate.job.ProfileMerger",
                  "io.driftgate.serde.",
                  "io.driftgate.bench.",
                  "org.apache.flink.streaming.api.functions.sink.")),
          new Category(
              "decompression (LZ4)",
              prefixes(
                  "net.jpountz.",
                  "org.apache.kafka.common.compress.",
                  "org.apache.kafka.common.utils.ChunkedBytesStream")),
          new Category(
              "metrics (Kafka client; the raw consumer pays them too)",
              prefixes("org.apache.kafka.common.metrics.")),
          new Category(
              "source fetch (Kafka client: network, batches, records)",
              prefixes(
                  "org.apache.kafka.",
                  "org.apache.flink.connector.kafka.",
                  "sun.nio.ch.",
                  "java.nio.channels.")),
          new Category(
              "Flink source reader & record emit",
              prefixes(
                  "org.apache.flink.connector.base.source.",
                  "org.apache.flink.streaming.api.operators.SourceOperator",
                  "org.apache.flink.streaming.runtime.io.",
                  "org.apache.flink.streaming.runtime.tasks.",
                  "org.apache.flink.streaming.runtime.streamrecord.",
                  "org.apache.flink.streaming.api.operators.",
                  "org.apache.flink.runtime.io.",
                  "org.apache.flink.runtime.")),
          new Category("JDK / other", frame -> true));

  private JfrBreakdown() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: JfrBreakdown <recording.jfr> <records> [top frames per category]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long records = Long.parseLong(args[1]);
    int top = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    new Analysis(records, top).read(file).print();
  }

  /** The thread groups samples are split by. */
  static String threadGroup(String thread) {
    if (thread == null) {
      return "other";
    }
    if (thread.startsWith("Source Data Fetcher")) {
      return "fetcher";
    }
    if (thread.startsWith("Source: ")) {
      return "task";
    }
    return "other";
  }

  static String frameName(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /** The category of a stack: the first frame from the top that matches a rule. */
  static int categoryOf(RecordedStackTrace stack) {
    if (stack == null) {
      return CATEGORIES.size() - 1;
    }
    for (RecordedFrame frame : stack.getFrames()) {
      if (!frame.isJavaFrame()) {
        continue;
      }
      String name = frameName(frame);
      for (int c = 0; c < CATEGORIES.size() - 1; c++) {
        if (CATEGORIES.get(c).frame().test(name)) {
          return c;
        }
      }
    }
    return CATEGORIES.size() - 1;
  }

  private static final class Analysis {
    private static final List<String> GROUPS = List.of("task", "fetcher", "other");
    private final long records;
    private final int top;
    private final long[][] samples = new long[CATEGORIES.size()][GROUPS.size()];
    private final List<Map<String, Long>> topFrames = new ArrayList<>();
    private final Map<String, Long> threadSamples = new HashMap<>();
    private final Map<String, Long> allocationByClass = new HashMap<>();
    private final long[] allocationByCategory = new long[CATEGORIES.size()];
    private final Map<String, Long> allocationByClassTask = new HashMap<>();
    private final Map<String, long[]> threadAllocated = new HashMap<>();
    private long gcCount;
    private Duration gcDuration = Duration.ZERO;
    private Duration gcPauses = Duration.ZERO;
    private Instant first;
    private Instant last;
    private double cpuJvmSum;
    private double cpuMachineSum;
    private long cpuCount;

    Analysis(long records, int top) {
      this.records = records;
      this.top = top;
      for (int c = 0; c < CATEGORIES.size(); c++) {
        topFrames.add(new HashMap<>());
      }
    }

    Analysis read(Path file) throws IOException {
      try (RecordingFile recording = new RecordingFile(file)) {
        while (recording.hasMoreEvents()) {
          RecordedEvent event = recording.readEvent();
          Instant at = event.getStartTime();
          first = first == null || at.isBefore(first) ? at : first;
          last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
          switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> sample(event);
            case "jdk.ObjectAllocationSample" -> allocation(event);
            case "jdk.ThreadAllocationStatistics" -> threadAllocation(event);
            case "jdk.GarbageCollection" -> {
              gcCount++;
              gcDuration = gcDuration.plus(event.getDuration());
              gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
            }
            case "jdk.CPULoad" -> {
              cpuJvmSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
              cpuMachineSum += event.getFloat("machineTotal");
              cpuCount++;
            }
            default -> {}
          }
        }
      }
      return this;
    }

    private void sample(RecordedEvent event) {
      RecordedThread thread = event.getThread("sampledThread");
      String name = thread == null ? null : thread.getJavaName();
      RecordedStackTrace stack = event.getStackTrace();
      int category = categoryOf(stack);
      samples[category][GROUPS.indexOf(threadGroup(name))]++;
      threadSamples.merge(String.valueOf(name).replaceAll("#\\d+$", ""), 1L, Long::sum);
      if (stack != null && !stack.getFrames().isEmpty()) {
        topFrames.get(category).merge(frameName(stack.getFrames().get(0)), 1L, Long::sum);
      }
    }

    private void allocation(RecordedEvent event) {
      long weight = event.getLong("weight");
      RecordedClass type = event.getClass("objectClass");
      String name = type == null ? "?" : type.getName();
      allocationByClass.merge(name, weight, Long::sum);
      allocationByCategory[categoryOf(event.getStackTrace())] += weight;
      RecordedThread thread = event.getThread("eventThread");
      if (thread != null && "task".equals(threadGroup(thread.getJavaName()))) {
        allocationByClassTask.merge(name, weight, Long::sum);
      }
    }

    private void threadAllocation(RecordedEvent event) {
      RecordedThread thread = event.getThread("thread");
      if (thread == null) {
        return;
      }
      String name = thread.getJavaName() + " (tid " + thread.getJavaThreadId() + ")";
      long allocated = event.getLong("allocated");
      threadAllocated.merge(
          name,
          new long[] {allocated, allocated},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    void print() {
      Duration span = Duration.between(first, last);
      long total = 0;
      long[] byGroup = new long[GROUPS.size()];
      for (long[] row : samples) {
        for (int g = 0; g < row.length; g++) {
          total += row[g];
          byGroup[g] += row[g];
        }
      }
      System.out.printf(
          Locale.ROOT,
          "recording %.1f s, %,d records, %,d execution samples (%d ms period)%n",
          span.toMillis() / 1e3,
          records,
          total,
          PERIOD.toMillis());
      if (cpuCount > 0) {
        System.out.printf(
            Locale.ROOT,
            "CPU load (jdk.CPULoad mean): this JVM %.0f%%, machine %.0f%% (of all cores)%n",
            100 * cpuJvmSum / cpuCount,
            100 * cpuMachineSum / cpuCount);
      }
      System.out.printf(
          Locale.ROOT,
          "GC: %d collections, %.0f ms in collections, %.0f ms paused (%.2f µs per record)%n",
          gcCount,
          gcDuration.toNanos() / 1e6,
          gcPauses.toNanos() / 1e6,
          gcPauses.toNanos() / 1e3 / records);
      System.out.println();
      System.out.println("Samples by thread (top 8):");
      threadSamples.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(8)
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %6d  %5.1f%%  %s%n",
                      e.getValue(),
                      100.0 * e.getValue() / Math.max(1, totalOf(threadSamples)),
                      e.getKey()));
      System.out.println();
      System.out.println(
          "| category (first matching frame from the top) | task thread | fetcher thread | other"
              + " threads | all | share | µs CPU per record |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int c = 0; c < CATEGORIES.size(); c++) {
        long all = samples[c][0] + samples[c][1] + samples[c][2];
        if (all == 0) {
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %d | %d | %d | %.1f%% | %.3f |%n",
            CATEGORIES.get(c).name(),
            samples[c][0],
            samples[c][1],
            samples[c][2],
            all,
            100.0 * all / total,
            all * PERIOD.toNanos() / 1e3 / records);
      }
      System.out.printf(
          Locale.ROOT,
          "| **all** | %d | %d | %d | %d | 100%% | %.3f |%n",
          byGroup[0],
          byGroup[1],
          byGroup[2],
          total,
          total * PERIOD.toNanos() / 1e3 / records);
      System.out.println();
      for (int c = 0; c < CATEGORIES.size(); c++) {
        Map<String, Long> frames = topFrames.get(c);
        if (frames.isEmpty()) {
          continue;
        }
        System.out.println("Top frames of " + CATEGORIES.get(c).name() + ":");
        frames.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(top)
            .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
      }
      System.out.println();
      System.out.println("Allocated bytes by thread (jdk.ThreadAllocationStatistics, exact):");
      threadAllocated.entrySet().stream()
          .sorted(
              Comparator.comparingLong(
                  (Map.Entry<String, long[]> e) -> e.getValue()[0] - e.getValue()[1]))
          .limit(6)
          .forEach(
              e -> {
                long bytes = e.getValue()[1] - e.getValue()[0];
                System.out.printf(
                    Locale.ROOT,
                    "  %,15d B  %8.1f B/record  %s%n",
                    bytes,
                    (double) bytes / records,
                    e.getKey());
              });
      System.out.println();
      long sampled = totalOf(allocationByClass);
      System.out.printf(
          Locale.ROOT,
          "Sampled allocation (jdk.ObjectAllocationSample weights): %,d B, %.1f B/record%n",
          sampled,
          (double) sampled / records);
      System.out.println("  by allocating code's category:");
      for (int c = 0; c < CATEGORIES.size(); c++) {
        if (allocationByCategory[c] > 0) {
          System.out.printf(
              Locale.ROOT,
              "    %8.1f B/record  %s%n",
              (double) allocationByCategory[c] / records,
              CATEGORIES.get(c).name());
        }
      }
      System.out.println("  task thread, by class (top " + top + "):");
      printTop(allocationByClassTask);
      System.out.println("  all threads, by class (top " + top + "):");
      printTop(allocationByClass);
    }

    private void printTop(Map<String, Long> byClass) {
      byClass.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(top)
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "    %8.1f B/record  %s%n",
                      (double) e.getValue() / records,
                      e.getKey()));
    }

    private static long totalOf(Map<String, Long> map) {
      return map.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
