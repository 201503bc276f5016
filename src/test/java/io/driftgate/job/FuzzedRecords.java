package io.driftgate.job;

import io.driftgate.wire.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded records for the fuzz tests, each with what the job must make of it: a record the contract
 * accepts, or a dead letter of a known reason ({@code null}: any reason, for garbage). Kafka
 * timestamps advance 10 ms per record; a well-formed record's event time is up to 5 s behind its
 * timestamp, so under a 10 s out-of-orderness bound it is never late. One accepted record in 100
 * carries a made-up version, some 50 a window: whether the job may profile it depends on the
 * versions its window admitted before, which the test decides, not this generator.
 */
final class FuzzedRecords {

  static final long START = 1_795_514_400_000L;
  private static final String DATASET = "fuzz.events";
  private static final int HUGE_EVERY = 100_000;

  /** One generated input and its expected fate. */
  record Fuzzed(
      byte[] value, long kafkaTime, int partition, boolean accepted, RejectReason reason) {}

  private final Random random;
  private final byte[] huge = new byte[10 * 1024 * 1024];
  private final String bigValue = "é".repeat(32 * 1024); // 64 KiB of UTF-8
  private final String bigVersion = "v".repeat(70_000);
  private long index;
  private long malformed;

  FuzzedRecords(long seed) {
    random = new Random(seed);
    Arrays.fill(huge, (byte) 'x');
    byte[] head =
        "{\"dataset\":\"fuzz.events\",\"fields\":{\"label\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, huge, 0, head.length);
  }

  /** Inputs generated that the job must not accept. */
  long malformed() {
    return malformed;
  }

  Fuzzed next() {
    long i = index++;
    long kafkaTime = START + i * 10;
    int partition = (int) (i % 3);
    long eventTime = kafkaTime - random.nextInt(5_000);
    Fuzzed fuzzed = generate(i, kafkaTime, partition, eventTime);
    if (!fuzzed.accepted()) {
      malformed++;
    }
    return fuzzed;
  }

  private Fuzzed generate(long i, long kafkaTime, int partition, long eventTime) {
    if (i % HUGE_EVERY == HUGE_EVERY / 2) {
      return rejected(huge, kafkaTime, partition, RejectReason.TOO_LARGE);
    }
    // The first record of each partition is well-formed: a far-past one would start its clock.
    int roll = i < 3 ? 0 : random.nextInt(1_000);
    if (roll < 780) {
      String label = random.nextInt(2_000) == 0 ? bigValue : "c" + random.nextInt(300);
      String version =
          random.nextInt(100) == 0
              ? "made-up-" + random.nextInt(1_000_000)
              : "v" + random.nextInt(3);
      return accepted(envelope(version, eventTime, i, label), kafkaTime, partition);
    }
    return switch (roll % 13) {
      case 0 -> rejected(garbage(), kafkaTime, partition, null);
      case 1 -> rejected(nonUtf8(eventTime, i), kafkaTime, partition, RejectReason.MALFORMED_JSON);
      case 2 -> {
        byte[] whole = envelope("v1", eventTime, i, "c1");
        yield rejected(
            Arrays.copyOf(whole, random.nextInt(whole.length - 1)), kafkaTime, partition, null);
      }
      case 3 ->
          rejected(
              envelope("v1", kafkaTime + 3_600_001 + random.nextInt(1 << 30), i, "c1"),
              kafkaTime,
              partition,
              RejectReason.FUTURE);
      case 4 ->
          rejected(
              text(
                  "{\"dataset\":\"fuzz.events\",\"version\":\"v1\",\"event_time\":"
                      + "\"9999-12-31T23:59:59.999Z\",\"fields\":{\"id\":\"f\",\"x\":1}}"),
              kafkaTime,
              partition,
              RejectReason.FUTURE);
      case 5 ->
          rejected(
              envelope("v1", random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE, i, "c1"),
              kafkaTime,
              partition,
              RejectReason.BAD_EVENT_TIME);
      case 6 ->
          rejected(
              envelope("v1", -62_135_596_800_000L - random.nextInt(1_000), i, "c1"),
              kafkaTime,
              partition,
              RejectReason.LATE);
      case 7 ->
          rejected(
              envelope(
                  sometimes(bigVersion, "v".repeat(256 + random.nextInt(100))), eventTime, i, "c1"),
              kafkaTime,
              partition,
              RejectReason.BAD_VERSION);
      case 8 ->
          rejected(
              text(
                  "{\"dataset\":\"fuzz.events\",\"version\":\"v1\",\"event_time\":"
                      + eventTime
                      + ",\"fields\":{\"id\":\"k"
                      + i
                      + "\",\"x\":\""
                      + sometimes(bigValue, "not a number")
                      + "\"}}"),
              kafkaTime,
              partition,
              RejectReason.CONTRACT_VIOLATION);
      case 9 ->
          rejected(
              text(
                  "{\"dataset\":\"other\",\"version\":\"v1\",\"event_time\":"
                      + eventTime
                      + ",\"fields\":{}}"),
              kafkaTime,
              partition,
              RejectReason.UNKNOWN_DATASET);
      case 10 ->
          rejected(
              text("{\"dataset\":\"fuzz.events\",\"version\":\"v1\",\"fields\":{\"x\":1}}"),
              kafkaTime,
              partition,
              RejectReason.BAD_EVENT_TIME);
      case 11 -> rejected(new byte[0], kafkaTime, partition, RejectReason.MALFORMED_JSON);
      default ->
          rejected(
              text("[" + eventTime + ",\"" + sometimes(bigValue, "x") + "\"]"),
              kafkaTime,
              partition,
              RejectReason.NOT_AN_OBJECT);
    };
  }

  private byte[] envelope(String version, long eventTime, long i, String label) {
    return text(
        "{\"dataset\":\""
            + DATASET
            + "\",\"version\":\""
            + version
            + "\",\"event_time\":"
            + eventTime
            + ",\"cohort_key\":\"u"
            + (i % 97)
            + "\",\"fields\":{\"id\":\"k"
            + i
            + "\",\"x\":"
            + random.nextGaussian()
            + ",\"label\":\""
            + label
            + "\"}}");
  }

  /**
   * {@code big} one time in 20: 64 KiB values are common enough to matter, rare enough to be fast.
   */
  private String sometimes(String big, String small) {
    return random.nextInt(20) == 0 ? big : small;
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A well-formed envelope whose label holds bytes that are not UTF-8. */
  private byte[] nonUtf8(long eventTime, long i) {
    byte[] head =
        text(
            "{\"dataset\":\"fuzz.events\",\"version\":\"v1\",\"event_time\":"
                + eventTime
                + ",\"fields\":{\"id\":\"k"
                + i
                + "\",\"x\":1,\"label\":\"");
    byte[] bytes = Arrays.copyOf(head, head.length + 6);
    bytes[head.length] = (byte) 0xff;
    bytes[head.length + 1] = (byte) 0xfe;
    bytes[head.length + 2] = (byte) 0xc3;
    bytes[head.length + 3] = '"';
    bytes[head.length + 4] = '}';
    bytes[head.length + 5] = '}';
    return bytes;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Fuzzed accepted(byte[] value, long kafkaTime, int partition) {
    return new Fuzzed(value, kafkaTime, partition, true, null);
  }

  private static Fuzzed rejected(byte[] value, long kafkaTime, int partition, RejectReason reason) {
    return new Fuzzed(value, kafkaTime, partition, false, reason);
  }
}
