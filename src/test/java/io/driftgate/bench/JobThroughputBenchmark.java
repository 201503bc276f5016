package io.driftgate.bench;

import io.driftgate.contract.Violation;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.DriftgateJob;
import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.DriftgatePipeline;
import io.driftgate.job.GateInput;
import io.driftgate.job.JobSettings;
import io.driftgate.job.KafkaEnds;
import io.driftgate.job.ProfileMerger;
import io.driftgate.job.ProfileOperator;
import io.driftgate.job.SourceRecord;
import io.driftgate.job.WindowProfile;
import io.driftgate.kafka.KafkaSecurity;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.RecordParser;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The first throughput baseline of the hot path, everything measured in one run on one topic so
 * that the ratios hold even on a noisy machine:
 *
 * <ol>
 *   <li>a bare {@code KafkaConsumer} draining the topic ({@link RawConsumerBaseline#rawConsume});
 *   <li>the job's hot path: {@link KafkaEnds}' bounded source (parsing in the reader) → {@link
 *       ProfileOperator} → merge by dataset version → discard, in a local MiniCluster at
 *       parallelism 1 and 2;
 *   <li>naive keyed designs on a smaller topic: the same source and parser, then {@code
 *       keyBy(dataset@version@window)} and a profile per record either in task memory (the shuffle
 *       alone) or loaded from and stored back to {@code ValueState<byte[]>} (heap and RocksDB);
 *   <li>the pure per-record path without Kafka or Flink: parse, check and profile in a loop.
 * </ol>
 *
 * <p>Job throughput is records / (job net runtime − the net runtime of the same job on a 1,000
 * record topic), i.e. without the fixed cost of scheduling and source start-up, which the raw
 * consumer's timing does not include either. Every job run checks that the merged profiles hold
 * every record and that nothing was dead-lettered.
 *
 * <p>Run (about 8 minutes on 2 cores): {@code java -Xms2g -Xmx2g -cp <test classpath>
 * io.driftgate.bench.JobThroughputBenchmark}, with a fixed heap as a Flink TaskManager has: with
 * the JVM's default, G1 grows and shrinks the heap under the job, and the system time of touching
 * new memory lands on the task and fetcher threads (docs/benchmarks.md, third round); system
 * properties {@code records} (5,000,000), {@code naiveRecords} (20,000), {@code partitions} (4),
 * {@code runs} (3, medians reported), {@code warmups} (1: rounds measured like the others but not
 * recorded, so that neither the raw consumer nor the job is timed while the JIT compiles the code
 * they share), {@code microRecords} (100,000), {@code only} (comma list of
 * micro,raw,p1,p2,p4,skew,naive to run a subset; default micro,raw,p1,p2,naive), and {@code
 * consumer.<key>} for a Kafka consumer setting given to the raw consumer and the job alike.
 *
 * <p>Where the broker runs: {@code -Dbroker=inside} (default, in this JVM), {@code -Dbroker=fork}
 * (a child JVM, {@link BenchBroker}, killed at the end) or {@code -Dbootstrap=host:port} (an
 * external broker). With the broker out of this JVM, {@code -Djfr=job.jfr} records the last run's
 * p=1 job alone (JFR settings "profile") for {@code JfrBreakdown}. {@code skew} runs p=1 and p=2
 * over a second topic where 90% of the records are one hot version, and every job prints how many
 * records each profiling subtask profiled.
 */
public final class JobThroughputBenchmark {

  private static final long RECORDS = Long.getLong("records", 5_000_000L);
  private static final long NAIVE_RECORDS = Long.getLong("naiveRecords", 20_000L);
  private static final int PARTITIONS = Integer.getInteger("partitions", 4);
  private static final int RUNS = Integer.getInteger("runs", 3);
  private static final int WARMUPS = Integer.getInteger("warmups", 1);
  private static final int MICRO_RECORDS = Integer.getInteger("microRecords", 100_000);
  private static final Set<String> ONLY =
      Set.of(System.getProperty("only", "micro,raw,p1,p2,naive").split(","));
  private static final long TINY_RECORDS = 1_000L;
  private static final long SEED = 42L;
  private static final String PROFILED = "profiled-records";
  private static final String DEAD = "dead-letters";
  private static final String SUBTASK = "profiled-by-subtask-";

  /** In the skewed topic every 10th record is v2, the other 90% the one hot version v1. */
  private static final int SKEW_EVERY = 10;

  /** Defeats dead-code elimination in the micro loops. */
  private static volatile long sink;

  private final Map<String, List<Double>> results = new java.util.LinkedHashMap<>();
  private boolean warmingUp;
  private final BenchBroker broker = BenchBroker.fromSystemProperties();
  private Path contracts;
  private int jobCounter;

  public static void main(String[] args) throws Exception {
    new JobThroughputBenchmark().run();
  }

  private void run() throws Exception {
    contracts = Files.createTempDirectory("bench-contracts");
    try (InputStream yaml =
        JobThroughputBenchmark.class.getResourceAsStream("/bench/bench.wide.yaml")) {
      Files.copy(yaml, contracts.resolve("bench.wide.yaml"));
    }
    ContractCatalog catalog = ContractCatalog.load(contracts);
    System.out.printf(
        "cores=%d java=%s maxHeap=%,d MB records=%,d naiveRecords=%,d partitions=%d runs=%d%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        RECORDS,
        NAIVE_RECORDS,
        PARTITIONS,
        RUNS);
    if (ONLY.contains("micro")) {
      micro(catalog);
    }
    if (ONLY.stream()
        .noneMatch(s -> Set.of("raw", "p1", "p2", "p4", "skew", "naive").contains(s))) {
      report();
      return;
    }
    try (broker) {
      broker.start();
      System.out.println(
          "broker " + broker.describe() + ", bootstrap " + broker.bootstrapServers());
      String big = "bench-records";
      String naive = "bench-naive";
      String tiny = "bench-tiny";
      String skewed = "bench-skewed";
      fill(big, RECORDS, 0);
      if (ONLY.contains("naive")) {
        fill(naive, NAIVE_RECORDS, 0);
      }
      fill(tiny, TINY_RECORDS, 0);
      if (ONLY.contains("skew")) {
        fill(skewed, RECORDS, SKEW_EVERY);
      }
      for (int run = 1 - WARMUPS; run <= RUNS; run++) {
        warmingUp = run < 1;
        System.out.printf(
            warmingUp ? "--- warm-up %d of %d (not recorded)%n" : "--- run %d of %d%n",
            warmingUp ? run + WARMUPS : run,
            warmingUp ? WARMUPS : RUNS);
        double raw = Double.NaN;
        if (ONLY.contains("raw")) {
          long nanos = RawConsumerBaseline.rawConsume(broker.bootstrapServers(), big);
          raw = RECORDS * 1e9 / nanos;
          record("raw consumer", raw);
        }
        double p1 = Double.NaN;
        for (int p : new int[] {1, 2, 4}) {
          if (ONLY.contains("p" + p)) {
            long fixed = job(catalog, tiny, p, Topology.DESIGN, TINY_RECORDS);
            String jfr = p == 1 && run == RUNS ? System.getProperty("jfr") : null;
            long net = job(catalog, big, p, Topology.DESIGN, RECORDS, jfr);
            double rate = RECORDS * 1e3 / Math.max(1, net - fixed);
            record("job p=" + p, rate);
            record("job p=" + p + " (incl. start-up)", RECORDS * 1e3 / net);
            if (!Double.isNaN(raw)) {
              record("ratio: job p=" + p + " / raw", rate / raw);
            }
            if (p == 1) {
              p1 = rate;
            } else if (!Double.isNaN(p1)) {
              record("ratio: job p=" + p + " / job p=1", rate / p1);
            }
          }
        }
        if (ONLY.contains("skew")) {
          double skew1 = Double.NaN;
          for (int p : new int[] {1, 2}) {
            long fixed = job(catalog, tiny, p, Topology.DESIGN, TINY_RECORDS);
            long net = job(catalog, skewed, p, Topology.DESIGN, RECORDS);
            double rate = RECORDS * 1e3 / Math.max(1, net - fixed);
            record("skewed: job p=" + p, rate);
            if (p == 1) {
              skew1 = rate;
            } else {
              record("ratio: skewed job p=2 / skewed job p=1", rate / skew1);
            }
          }
        }
        if (ONLY.contains("naive")) {
          long fixed = job(catalog, tiny, 1, Topology.DESIGN, TINY_RECORDS);
          for (Topology topology : Topology.values()) {
            long net = job(catalog, naive, 1, topology, NAIVE_RECORDS);
            record(topology.label + " p=1", NAIVE_RECORDS * 1e3 / Math.max(1, net - fixed));
          }
        }
      }
    }
    report();
  }

  /**
   * @param hotEvery 0 for versions v1/v2 alternating; else every {@code hotEvery}-th record is v2
   *     and the others v1 (one hot version)
   */
  private void fill(String topic, long records, int hotEvery) {
    broker.createTopic(topic, PARTITIONS);
    long start = System.nanoTime();
    RawConsumerBaseline.fill(broker.bootstrapServers(), topic, PARTITIONS, records, SEED, hotEvery);
    System.out.printf(
        "filled %s with %,d records in %.1f s%n",
        topic, records, (System.nanoTime() - start) / 1e9);
  }

  private void record(String what, double value) {
    if (!warmingUp) {
      results.computeIfAbsent(what, k -> new ArrayList<>()).add(value);
    }
    if (what.startsWith("ratio") || what.startsWith("share")) {
      System.out.printf("%-48s %12.3f%n", what, value);
    } else {
      System.out.printf("%-48s %,12.0f records/s%n", what, value);
    }
  }

  private void report() {
    System.out.println();
    System.out.println("| measurement | median records/s | runs |");
    System.out.println("|---|---|---|");
    results.forEach(
        (what, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          String format = what.startsWith("ratio") || what.startsWith("share") ? "%.3f" : "%,.0f";
          System.out.printf(
              "| %s | " + format + " | %s |%n",
              what,
              sorted[sorted.length / 2],
              values.stream()
                  .map(v -> String.format(format, v))
                  .reduce((a, b) -> a + " / " + b)
                  .orElse(""));
        });
  }

  // ---------------------------------------------------------------- jobs

  /** What follows the job's source. */
  enum Topology {
    DESIGN("design: profile in operator, merge"),
    KEYED_MEMORY("naive: keyBy + profile in task memory"),
    KEYED_HEAP("naive: keyBy + ValueState<byte[]>, heap"),
    KEYED_ROCKSDB("naive: keyBy + ValueState<byte[]>, RocksDB");

    final String label;

    Topology(String label) {
      this.label = label;
    }
  }

  /**
   * Runs one bounded job over {@code topic} and checks that every record ended in a profile.
   *
   * @return the job's net runtime in milliseconds
   */
  private long job(
      ContractCatalog catalog, String topic, int parallelism, Topology topology, long expected)
      throws Exception {
    return job(catalog, topic, parallelism, topology, expected, null);
  }

  /**
   * @param jfr where to write a Java Flight Recording (settings "profile") of this job alone, from
   *     just before it is built to just after it ends; {@code null} for none
   */
  private long job(
      ContractCatalog catalog,
      String topic,
      int parallelism,
      Topology topology,
      long expected,
      String jfr)
      throws Exception {
    Configuration config = new Configuration();
    config.set(DriftgateOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    config.set(DriftgateOptions.RECORDS_TOPIC, topic);
    config.set(DriftgateOptions.GROUP_ID, "bench-" + (++jobCounter));
    config.set(DriftgateOptions.BOUNDED, true);
    config.set(DriftgateOptions.STARTING_OFFSETS, DriftgateOptions.StartingOffsets.EARLIEST);
    config.set(DriftgateOptions.JDBC_URL, "jdbc:h2:mem:unused");
    config.set(DriftgateOptions.CONTRACTS_DIR, contracts.toString());
    RawConsumerBaseline.consumerProperties()
        .forEach((key, value) -> config.setString(KafkaSecurity.PASS_THROUGH_PREFIX + key, value));
    JobSettings settings = JobSettings.from(config, true);

    Configuration flink = new Configuration();
    flink.set(
        StateBackendOptions.STATE_BACKEND,
        topology == Topology.KEYED_ROCKSDB ? "rocksdb" : "hashmap");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
    DriftgateJob.configure(env, settings);

    DataStream<SourceRecord> records = new KafkaEnds(settings, catalog).records(env);
    long windowMillis = settings.evaluationTick().toMillis();
    if (topology == Topology.DESIGN) {
      SingleOutputStreamOperator<WindowProfile> partials =
          records
              .transform(
                  "Contract check + profile",
                  DriftgateTypes.WINDOW_PROFILE,
                  new ProfileOperator(
                      catalog,
                      settings.profile(),
                      windowMillis,
                      settings.outOfOrderness().toMillis(),
                      settings.maxVersionsPerDataset(),
                      DriftgatePipeline.DEAD_LETTERS))
              .uid("profile");
      partials.map(new CountBySubtask()).name("Count by subtask").sinkTo(new DiscardingSink<>());
      partials
          .getSideOutput(DriftgatePipeline.DEAD_LETTERS)
          .map(new Count<>(DEAD, letter -> 1L))
          .sinkTo(new DiscardingSink<>());
      partials
          .keyBy(WindowProfile::versionKey)
          .process(new ProfileMerger(catalog, settings.profile()))
          .returns(DriftgateTypes.GATE_INPUT)
          .map(new Count<>(PROFILED, input -> recordsIn(((GateInput.Window) input).profile())))
          .sinkTo(new DiscardingSink<>());
    } else {
      records
          .keyBy((SourceRecord r) -> NaiveProfiler.key(r, windowMillis), Types.STRING)
          .process(
              new NaiveProfiler(
                  catalog, settings.profile(), windowMillis, topology != Topology.KEYED_MEMORY))
          .returns(DriftgateTypes.WINDOW_PROFILE)
          .map(new Count<>(PROFILED, JobThroughputBenchmark::recordsIn))
          .sinkTo(new DiscardingSink<>());
    }
    JobExecutionResult result;
    if (jfr == null) {
      result = env.execute("bench " + topology + " p=" + parallelism);
    } else {
      try (jdk.jfr.Recording recording =
          new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
        recording.start();
        result = env.execute("bench " + topology + " p=" + parallelism);
        recording.stop();
        recording.dump(Path.of(jfr));
      }
      System.out.printf("wrote %s: the job over %s, %,d records%n", jfr, topic, expected);
    }
    Long profiled = result.getAccumulatorResult(PROFILED);
    Long dead = result.getAccumulatorResult(DEAD);
    if (profiled == null || profiled != expected || (dead != null && dead != 0)) {
      throw new IllegalStateException(
          topology + ": profiled " + profiled + " of " + expected + ", dead-lettered " + dead);
    }
    if (topology == Topology.DESIGN && expected > TINY_RECORDS) {
      StringBuilder shares = new StringBuilder();
      for (int i = 0; i < parallelism; i++) {
        Long bySubtask = result.getAccumulatorResult(SUBTASK + i);
        shares.append(i == 0 ? "" : " / ").append(bySubtask == null ? 0 : bySubtask);
      }
      System.out.printf("  %s p=%d records profiled by subtask: %s%n", topic, parallelism, shares);
    }
    return result.getNetRuntime();
  }

  private static long recordsIn(WindowProfile window) {
    return DatasetProfile.recordsOf(window.profile());
  }

  /** Sums {@code amount} of every element into an accumulator. */
  private static final class Count<T> extends RichMapFunction<T, T> {
    private final String name;
    private final SerializableToLong<T> amount;
    private transient LongCounter counter;

    Count(String name, SerializableToLong<T> amount) {
      this.name = name;
      this.amount = amount;
    }

    @Override
    public void open(OpenContext openContext) {
      counter = new LongCounter();
      getRuntimeContext().addAccumulator(name, counter);
    }

    @Override
    public T map(T value) {
      counter.add(amount.applyAsLong(value));
      return value;
    }
  }

  private interface SerializableToLong<T> extends ToLongFunction<T>, Serializable {}

  /**
   * Sums the records of the window profiles each profiling subtask emits, in an accumulator per
   * subtask (chained to the profiling operator, so the index is the profiling subtask's). The
   * profiles are read at the end, not as they pass: this runs on the profiling task's thread, and
   * deserializing each profile there showed up in its profile.
   */
  private static final class CountBySubtask extends RichMapFunction<WindowProfile, WindowProfile> {
    private transient LongCounter counter;
    private transient List<byte[]> profiles;

    @Override
    public void open(OpenContext openContext) {
      counter = new LongCounter();
      profiles = new ArrayList<>();
      getRuntimeContext()
          .addAccumulator(
              SUBTASK + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), counter);
    }

    @Override
    public WindowProfile map(WindowProfile value) {
      profiles.add(value.profile());
      return value;
    }

    @Override
    public void close() {
      for (byte[] profile : profiles) {
        counter.add(DatasetProfile.recordsOf(profile));
      }
      profiles.clear();
    }
  }

  /**
   * The design DESIGN.md rules out: records shuffled by {@code dataset@version@window}, each one
   * folded into the key's profile. With {@code inState}, per record the profile is read from {@code
   * ValueState<byte[]>}, updated and written back (a state-backend round trip and a profile
   * (de)serialization per record); without, it lives in task memory and only the shuffle is paid.
   * Windows are emitted on event-time timers like the design's.
   */
  static final class NaiveProfiler
      extends KeyedProcessFunction<String, SourceRecord, WindowProfile> {
    private static final long serialVersionUID = 1L;
    private final ContractCatalog catalog;
    private final ProfileSettings settings;
    private final long windowMillis;
    private final boolean inState;
    private transient Map<String, RecordProfiler> profilers;
    private transient Map<String, DatasetProfile> memory;
    private transient ValueState<byte[]> state;

    NaiveProfiler(
        ContractCatalog catalog, ProfileSettings settings, long windowMillis, boolean inState) {
      this.catalog = catalog;
      this.settings = settings;
      this.windowMillis = windowMillis;
      this.inState = inState;
    }

    static String key(SourceRecord r, long windowMillis) {
      if (!r.parsed()) {
        return "?";
      }
      ObservedRecord record = r.record();
      return record.dataset()
          + '@'
          + record.version()
          + '@'
          + Math.floorDiv(record.eventTimeMillis(), windowMillis) * windowMillis;
    }

    @Override
    public void open(OpenContext openContext) {
      profilers = new HashMap<>();
      catalog.contracts().forEach(c -> profilers.put(c.dataset(), new RecordProfiler(c)));
      memory = new HashMap<>();
      state =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      "profile", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(SourceRecord source, Context ctx, Collector<WindowProfile> out)
        throws Exception {
      if (!source.parsed()) {
        return;
      }
      ObservedRecord record = source.record();
      String key = ctx.getCurrentKey();
      DatasetProfile profile;
      if (inState) {
        byte[] bytes = state.value();
        profile = bytes == null ? null : DatasetProfile.fromBytes(bytes);
      } else {
        profile = memory.get(key);
      }
      if (profile == null) {
        profile =
            DatasetProfile.forContract(
                catalog.contract(record.dataset()), record.version(), settings);
        ctx.timerService().registerEventTimeTimer(windowStart(record) + windowMillis - 1);
      }
      List<Violation> violations =
          profilers
              .get(record.dataset())
              .observe(profile, record.row(), record.eventTimeMillis(), source.observedAtMillis());
      sink += violations.size();
      if (inState) {
        state.update(profile.toBytes());
      } else {
        memory.put(key, profile);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowProfile> out)
        throws Exception {
      String key = ctx.getCurrentKey();
      DatasetProfile profile;
      if (inState) {
        profile = DatasetProfile.fromBytes(state.value());
        state.clear();
      } else {
        profile = memory.remove(key);
      }
      long windowEnd = timestamp + 1;
      out.collect(
          new WindowProfile(
              profile.dataset(),
              profile.version(),
              windowEnd - windowMillis,
              windowEnd,
              profile.toBytes()));
    }

    private long windowStart(ObservedRecord record) {
      return Math.floorDiv(record.eventTimeMillis(), windowMillis) * windowMillis;
    }
  }

  // ---------------------------------------------------------------- micro

  /**
   * The per-record path on one thread, without Kafka or Flink, over pre-generated envelopes: parse
   * only, profile only (over pre-parsed records), and both — as {@link ProfileOperator} does it,
   * one profile per version and one-minute window.
   */
  private void micro(ContractCatalog catalog) {
    List<byte[]> envelopes = new ArrayList<>(MICRO_RECORDS);
    SplittableRandom random = new SplittableRandom(SEED);
    StringBuilder json = new StringBuilder(512);
    for (long i = 0; i < MICRO_RECORDS; i++) {
      json.setLength(0);
      RawConsumerBaseline.envelope(json, i, random);
      envelopes.add(json.toString().getBytes(StandardCharsets.UTF_8));
    }
    RecordParser parser = new RecordParser(catalog.fieldLayouts());
    List<ObservedRecord> parsed = new ArrayList<>(MICRO_RECORDS);
    List<Map<String, Object>> maps = new ArrayList<>(MICRO_RECORDS);
    for (byte[] envelope : envelopes) {
      ObservedRecord record = ((ObservedRecord) parser.parse(envelope)).detached();
      parsed.add(record);
      maps.add(record.fields());
    }
    RecordProfiler profiler = new RecordProfiler(catalog.contract(RawConsumerBaseline.DATASET));
    long windowMillis = DriftgateOptions.EVALUATION_TICK.defaultValue().toMillis();
    Windows windows = new Windows(catalog, windowMillis);
    int passes = Integer.getInteger("microPasses", 10);
    for (int round = 0; round < RUNS + 1; round++) {
      boolean warmup = round == 0;
      double parseNs =
          time(
              passes,
              () -> {
                long h = 0;
                for (byte[] envelope : envelopes) {
                  ParseResult result = parser.parse(envelope);
                  h += ((ObservedRecord) result).eventTimeMillis();
                }
                return h;
              });
      double profileNs =
          time(
              passes,
              () -> {
                long h = 0;
                for (ObservedRecord record : parsed) {
                  h +=
                      profiler
                          .observe(
                              windows.profileFor(record),
                              record.row(),
                              record.eventTimeMillis(),
                              record.eventTimeMillis())
                          .size();
                }
                return h;
              });
      double mapProfileNs =
          time(
              passes,
              () -> {
                long h = 0;
                for (int i = 0; i < MICRO_RECORDS; i++) {
                  ObservedRecord record = parsed.get(i);
                  h +=
                      profiler
                          .observe(
                              windows.profileFor(record),
                              maps.get(i),
                              record.eventTimeMillis(),
                              record.eventTimeMillis())
                          .size();
                }
                return h;
              });
      double bothNs =
          time(
              passes,
              () -> {
                long h = 0;
                for (byte[] envelope : envelopes) {
                  ObservedRecord record = (ObservedRecord) parser.parse(envelope);
                  h +=
                      profiler
                          .observe(
                              windows.profileFor(record),
                              record.row(),
                              record.eventTimeMillis(),
                              record.eventTimeMillis())
                          .size();
                }
                return h;
              });
      if (!warmup) {
        record("micro: parse only", 1e9 / parseNs);
        record("micro: check + profile only", 1e9 / profileNs);
        record("micro: check + profile only, from a map (before)", 1e9 / mapProfileNs);
        record("micro: parse + check + profile", 1e9 / bothNs);
        System.out.printf(
            "micro ns/record: parse %.0f, check+profile %.0f (from a map %.0f), both %.0f%n",
            parseNs, profileNs, mapProfileNs, bothNs);
      }
    }
  }

  /** Nanoseconds per record over {@code passes} passes of {@code loop}. */
  private static double time(int passes, java.util.function.LongSupplier loop) {
    long start = System.nanoTime();
    for (int p = 0; p < passes; p++) {
      sink += loop.getAsLong();
    }
    return (System.nanoTime() - start) / (double) passes / MICRO_RECORDS;
  }

  /** One open profile per version and window, replaced when the window moves on. */
  private static final class Windows {
    private final ContractCatalog catalog;
    private final long windowMillis;
    private final Map<String, DatasetProfile> open = new HashMap<>();
    private final Map<String, Long> openStart = new HashMap<>();
    private final AtomicLong closed = new AtomicLong();

    Windows(ContractCatalog catalog, long windowMillis) {
      this.catalog = catalog;
      this.windowMillis = windowMillis;
    }

    DatasetProfile profileFor(ObservedRecord record) {
      long start = Math.floorDiv(record.eventTimeMillis(), windowMillis) * windowMillis;
      DatasetProfile profile = open.get(record.version());
      Long openAt = openStart.get(record.version());
      if (profile == null || openAt != start) {
        profile =
            DatasetProfile.forContract(
                catalog.contract(record.dataset()), record.version(), ProfileSettings.DEFAULTS);
        open.put(record.version(), profile);
        openStart.put(record.version(), start);
        closed.incrementAndGet();
      }
      return profile;
    }
  }
}
