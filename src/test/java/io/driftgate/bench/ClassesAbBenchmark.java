package io.driftgate.bench;

import io.driftgate.profile.NumericSummary;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.wire.FieldLayout;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RecordParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Two builds of driftgate's main classes side by side in one JVM, on one per-record workload: each
 * build in its own class loader, rounds alternated A, B, B, A, …, each timed in this thread's CPU
 * time. A whole-job benchmark on this shared two-core machine moves by ±10% between runs minutes
 * apart, more than a change to one stage can show; two builds measured in the same seconds share
 * that noise, and their ratio is the figure (an A/A run gives 1.00 ± 0.01).
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp <test classpath> io.driftgate.bench.ClassesAbBenchmark
 * <classes A> <classes B> [parse|summary] [rounds]}, where a classes directory is a build's {@code
 * target/classes} (for an older commit: {@code git worktree add}, then {@code ./mvnw -o -q compile}
 * there). Workloads: {@code parse}, the benchmark's 100,000 envelopes of 20 numeric fields through
 * {@link RecordParser}; {@code summary}, their 20 fields' values into two versions' {@link
 * NumericSummary}s per one-minute window, as profiling adds them. Prints the median of B/A over the
 * rounds after the first 10, and its quartiles.
 */
public final class ClassesAbBenchmark {

  private static final int RECORDS = 100_000;

  private ClassesAbBenchmark() {}

  public static void main(String[] args) throws Exception {
    String workload = args.length > 2 ? args[2] : "parse";
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Path tests =
        Path.of(
            ClassesAbBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // One set of inputs for both sides: data allocated apart lands apart in the heap, and that
    // alone made an A/A run read 0.92.
    Object[] inputs = inputs();
    Workload[] sides = {
      load(Path.of(args[0]), tests, workload, inputs),
      load(Path.of(args[1]), tests, workload, inputs)
    };
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      double a;
      double b;
      if (round % 2 == 0) {
        a = sides[0].round();
        b = sides[1].round();
      } else {
        b = sides[1].round();
        a = sides[0].round();
      }
      if (round >= 10) {
        ratios.add(b / a);
      }
    }
    Collections.sort(ratios);
    int n = ratios.size();
    System.out.printf(
        "%s: B/A CPU time per record, median %.3f (quartiles %.3f to %.3f) over %d rounds%n",
        workload, ratios.get(n / 2), ratios.get(n / 4), ratios.get(3 * n / 4), n);
  }

  /** One build's workload, as this class sees it: CPU nanoseconds per record of one round. */
  private interface Workload {
    double round() throws Exception;
  }

  private static Workload load(Path classes, Path tests, String workload, Object[] inputs)
      throws Exception {
    ClassLoader loader =
        new BuildLoader(new URL[] {classes.toUri().toURL(), tests.toUri().toURL()});
    Class<?> type =
        loader.loadClass(
            ClassesAbBenchmark.class.getName()
                + (workload.equals("parse") ? "$ParseWorkload" : "$SummaryWorkload"));
    Object instance = type.getConstructor(Object[].class).newInstance((Object) inputs);
    java.lang.reflect.Method round = type.getMethod("round");
    return () -> (double) round.invoke(instance);
  }

  /**
   * Loads driftgate's classes from its own directories first (the build's main classes, then the
   * test classes with the workloads), everything else from the application class path: the workload
   * of each side links to that side's build.
   */
  private static final class BuildLoader extends URLClassLoader {
    BuildLoader(URL[] urls) {
      super(urls, ClassesAbBenchmark.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.driftgate.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Defeats dead-code elimination. */
  static volatile long sink;

  static byte[][] envelopes() {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder json = new StringBuilder(512);
    byte[][] envelopes = new byte[RECORDS][];
    for (int i = 0; i < RECORDS; i++) {
      json.setLength(0);
      RawConsumerBaseline.envelope(json, i, random);
      envelopes[i] = json.toString().getBytes(StandardCharsets.UTF_8);
    }
    return envelopes;
  }

  /**
   * The envelopes, and their fields' values, whether each is the second version and its minute,
   * read by this class's build.
   */
  static Object[] inputs() {
    byte[][] envelopes = envelopes();
    RecordParser parser = benchParser();
    double[][] values = new double[envelopes.length][];
    boolean[] secondVersion = new boolean[envelopes.length];
    long[] minutes = new long[envelopes.length];
    for (int i = 0; i < envelopes.length; i++) {
      ObservedRecord record = (ObservedRecord) parser.parse(envelopes[i]);
      values[i] = new double[RawConsumerBaseline.FIELDS];
      for (int f = 0; f < RawConsumerBaseline.FIELDS; f++) {
        values[i][f] = record.row().number(f);
      }
      secondVersion[i] = record.version().equals("v2");
      minutes[i] = record.eventTimeMillis() / 60_000;
    }
    return new Object[] {envelopes, values, secondVersion, minutes};
  }

  static RecordParser benchParser() {
    List<String> names =
        IntStream.range(0, RawConsumerBaseline.FIELDS).mapToObj(f -> "f" + f).toList();
    return new RecordParser(Map.of(RawConsumerBaseline.DATASET, FieldLayout.of(names)));
  }

  /** Parses every envelope once per round. */
  public static final class ParseWorkload {
    private final byte[][] envelopes;
    private final RecordParser parser = benchParser();

    public ParseWorkload(Object[] inputs) {
      this.envelopes = (byte[][]) inputs[0];
    }

    public double round() {
      long start = THREADS.getCurrentThreadCpuTime();
      long h = 0;
      for (byte[] envelope : envelopes) {
        ObservedRecord record = (ObservedRecord) parser.parse(envelope);
        h += record.eventTimeMillis() + Double.doubleToRawLongBits(record.row().number(3));
      }
      sink = h;
      return (THREADS.getCurrentThreadCpuTime() - start) / (double) envelopes.length;
    }
  }

  /**
   * Adds every record's 20 values to its version's summaries of its one-minute window, fresh
   * summaries each window, read at the window's end as a profile is serialized.
   */
  public static final class SummaryWorkload {
    private final double[][] values;
    private final boolean[] secondVersion;
    private final long[] minutes;

    public SummaryWorkload(Object[] inputs) {
      values = (double[][]) inputs[1];
      secondVersion = (boolean[]) inputs[2];
      minutes = (long[]) inputs[3];
    }

    public double round() {
      long start = THREADS.getCurrentThreadCpuTime();
      NumericSummary[][] window = null;
      long minute = Long.MIN_VALUE;
      long h = 0;
      for (int i = 0; i < values.length; i++) {
        if (minutes[i] != minute) {
          h += finish(window);
          window = new NumericSummary[2][RawConsumerBaseline.FIELDS];
          for (NumericSummary[] version : window) {
            for (int f = 0; f < version.length; f++) {
              version[f] = new NumericSummary(ProfileSettings.DEFAULTS);
            }
          }
          minute = minutes[i];
        }
        NumericSummary[] summaries = window[secondVersion[i] ? 1 : 0];
        for (int f = 0; f < summaries.length; f++) {
          summaries[f].add(values[i][f]);
        }
      }
      h += finish(window);
      sink = h;
      return (THREADS.getCurrentThreadCpuTime() - start) / (double) values.length;
    }

    private static long finish(NumericSummary[][] window) {
      long h = 0;
      if (window != null) {
        for (NumericSummary[] version : window) {
          for (NumericSummary summary : version) {
            h += summary.level() + summary.count();
          }
        }
      }
      return h;
    }
  }
}
