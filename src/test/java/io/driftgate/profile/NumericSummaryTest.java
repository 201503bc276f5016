package io.driftgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import io.driftgate.profile.NumericSummary.Form;
import io.driftgate.profile.NumericSummary.ValueCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three forms of a numeric summary: which one it takes, and that each holds the multiset. */
class NumericSummaryTest {

  private static final ProfileSettings SETTINGS = ProfileSettings.DEFAULTS;
  private static final int EXACT_LIMIT = SETTINGS.exactLimit();
  private static final int COUNT_LIMIT = NumericSummary.countLimit(SETTINGS);

  @Test
  void lowCardinalityValuesAreCountedPastTheExactLimit() {
    NumericSummary ages = new NumericSummary(SETTINGS);
    SplittableRandom random = new SplittableRandom(1);
    long[] expected = new long[96];
    for (int i = 0; i < EXACT_LIMIT; i++) {
      int age = random.nextInt(18, 96);
      expected[age]++;
      ages.add(age);
    }
    assertThat(ages.form()).isEqualTo(Form.VALUES);
    for (int i = 0; i < 100_000; i++) {
      int age = random.nextInt(18, 96);
      expected[age]++;
      ages.add(age);
    }
    assertThat(ages.form()).isEqualTo(Form.COUNTS);
    assertThat(ages.isExact()).isTrue();
    assertThat(ages.count()).isEqualTo(EXACT_LIMIT + 100_000);
    ValueCounts counts = ages.valueCounts();
    assertThat(counts.values()).hasSize(78).isSorted();
    for (int i = 0; i < counts.values().length; i++) {
      assertThat(counts.counts()[i]).isEqualTo(expected[(int) counts.values()[i]]);
    }
    assertThat(counts.total()).isEqualTo(ages.count());
  }

  @Test
  void theFormDependsOnlyOnCountAndDistinctValues() {
    NumericSummary atLimit = new NumericSummary(SETTINGS);
    for (int i = 0; i <= EXACT_LIMIT; i++) {
      atLimit.add(i % COUNT_LIMIT);
    }
    assertThat(atLimit.form()).isEqualTo(Form.COUNTS);
    atLimit.add(COUNT_LIMIT);
    assertThat(atLimit.form()).isEqualTo(Form.BINNED);

    NumericSummary continuous = new NumericSummary(SETTINGS);
    for (int i = 0; i <= EXACT_LIMIT; i++) {
      continuous.add(i * 0.1);
    }
    assertThat(continuous.form()).isEqualTo(Form.BINNED);
    assertThat(continuous.count()).isEqualTo(EXACT_LIMIT + 1);
  }

  @Test
  void countsBecomeTheSketchThatAddingValuesOneByOneBuilds() throws IOException {
    SplittableRandom random = new SplittableRandom(2);
    NumericSummary summary = new NumericSummary(SETTINGS);
    DDSketch oneByOne = NumericSummary.newSketch(SETTINGS);
    for (int i = 0; i < 50_000; i++) {
      double value = random.nextInt(-40, 400) * (random.nextInt(10) == 0 ? 1e-3 : 1);
      summary.add(value);
      oneByOne.accept(value);
    }
    assertThat(summary.form()).isEqualTo(Form.COUNTS);
    assertThat(encoded(summary.binned())).isEqualTo(encoded(oneByOne));

    // Past the count limit the summary switches to that very sketch and keeps adding to it.
    for (int i = 0; i < COUNT_LIMIT; i++) {
      double value = 1000.5 + i;
      summary.add(value);
      oneByOne.accept(value);
    }
    assertThat(summary.form()).isEqualTo(Form.BINNED);
    assertThat(encoded(summary.binned())).isEqualTo(encoded(oneByOne));
  }

  @Test
  void mergingCountsGivesTheSummaryOfTheWhole() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    NumericSummary whole = new NumericSummary(SETTINGS);
    NumericSummary[] parts = {
      new NumericSummary(SETTINGS), new NumericSummary(SETTINGS), new NumericSummary(SETTINGS)
    };
    for (int i = 0; i < 20_000; i++) {
      // Part 0 stays in the values form, parts 1 and 2 are counted.
      int part = i % 10 == 0 ? 0 : 1 + random.nextInt(2);
      double value = random.nextInt(0, 700);
      if (part == 0 && parts[0].count() == EXACT_LIMIT) {
        part = 1;
      }
      parts[part].add(value);
      whole.add(value);
    }
    assertThat(parts[0].form()).isEqualTo(Form.VALUES);
    assertThat(parts[1].form()).isEqualTo(Form.COUNTS);
    parts[2].merge(parts[0]);
    parts[2].merge(parts[1]);
    assertThat(whole.form()).isEqualTo(Form.COUNTS);
    assertThat(bytes(parts[2])).isEqualTo(bytes(whole));
  }

  @Test
  void countsSerializeCanonicallyAndRoundTrip() throws IOException {
    NumericSummary summary = new NumericSummary(SETTINGS);
    for (int i = 0; i < 10_000; i++) {
      summary.add((i * 7919) % 101 - 50.0);
    }
    byte[] bytes = bytes(summary);
    // Form, distinct values, then (value, count) in ascending value order.
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    assertThat(in.readByte()).isEqualTo((byte) 2);
    assertThat(in.readInt()).isEqualTo(101);
    assertThat(in.readDouble()).isEqualTo(-50.0);
    assertThat(bytes).hasSize(1 + 4 + 101 * 16);

    NumericSummary copy = read(bytes);
    assertThat(copy.form()).isEqualTo(Form.COUNTS);
    assertThat(bytes(copy)).isEqualTo(bytes);
    copy.add(3.0);
    summary.add(3.0);
    assertThat(bytes(copy)).isEqualTo(bytes(summary));
  }

  @Test
  void nonCanonicalCountsAreRejected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(2);
    out.writeInt(2);
    out.writeDouble(5.0);
    out.writeLong(EXACT_LIMIT);
    out.writeDouble(4.0);
    out.writeLong(1);
    assertThatThrownBy(() -> read(bytes.toByteArray()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not canonical");
  }

  @Test
  void countingDoesNotAllocatePerValue() {
    NumericSummary summary = new NumericSummary(SETTINGS);
    for (int i = 0; i <= EXACT_LIMIT; i++) {
      summary.add(i % 90);
    }
    assertThat(summary.form()).isEqualTo(Form.COUNTS);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200_000; i++) {
      summary.add(i % 90);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // Boxing one value would take 16 bytes: 3.2 MB here.
    assertThat(allocated).isLessThan(64 * 1024);
    assertThat(summary.count()).isEqualTo(EXACT_LIMIT + 1 + 200_000);
  }

  private static byte[] encoded(DDSketch sketch) throws IOException {
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    sketch.encode(out, true);
    return out.trimmedCopy();
  }

  private static byte[] bytes(NumericSummary summary) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary.writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static NumericSummary read(byte[] bytes) throws IOException {
    return NumericSummary.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), SETTINGS);
  }
}
