package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-envelope reader ({@code PlainEnvelopeReader}) against Jackson: on random envelopes
 * (valid and invalid in every member, odd numbers, whitespace, escapes, non-ASCII, duplicates,
 * unknown keys) and random byte mutations of them, a parser with the plain reader and a
 * Jackson-only parser, fed the same sequence, return the same thing — the same rejection reason and
 * detail, or a record with the same envelope and the same row: same keys in the same order, same
 * value kinds, numbers bit for bit.
 */
class RecordParserFastPathFuzzTest {

  private static final FieldLayout LAYOUT =
      FieldLayout.of(List.of("f0", "f1", "score", "name", "n", "flag", "id"));
  private static final Map<String, FieldLayout> LAYOUTS =
      Map.of("ds.one", LAYOUT, "ds.two", FieldLayout.NONE);
  private static final int CASES = Integer.getInteger("fuzzCases", 100_000);

  @Test
  void plainReaderAndJacksonDecideAlikeWithIdenticalValues() {
    RecordParser fast = new RecordParser(LAYOUTS);
    RecordParser reference = RecordParser.jacksonOnly(LAYOUTS);
    SplittableRandom random = new SplittableRandom(20261124L);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < CASES; i++) {
      String text = envelope(random);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(4) == 0) {
        bytes = mutate(bytes, random);
      }
      String expected = describe(reference.parse(bytes));
      String actual = describe(fast.parse(bytes));
      assertThat(actual)
          .as("case %d: %s", i, new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo(expected);
      if (expected.startsWith("record")) {
        accepted++;
      } else {
        rejected++;
      }
    }
    // The fuzz must exercise both outcomes and the plain reader itself, not only the fallback.
    assertThat(accepted).isGreaterThan(CASES / 10);
    assertThat(rejected).isGreaterThan(CASES / 10);
    assertThat(fast.plainRecords()).isGreaterThan(CASES / 5);
    assertThat(reference.plainRecords()).isZero();
  }

  @Test
  void benchmarkShapedRecordsTakeThePlainPath() {
    RecordParser fast = new RecordParser(LAYOUTS);
    ParseResult result =
        fast.parse(
            ("{\"dataset\":\"ds.one\",\"version\":\"v1\",\"event_time\":1795514400000,"
                    + "\"cohort_key\":\"c-1\",\"fields\":{\"f0\":-12.5,\"f1\":42,\"score\":0.1,"
                    + "\"name\":\"Ada\",\"n\":null,\"flag\":true,\"id\":9000000000}}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(ObservedRecord.class);
    assertThat(fast.plainRecords()).isEqualTo(1);
    assertThat(((ObservedRecord) result).fields())
        .containsEntry("f0", -12.5)
        .containsEntry("f1", 42)
        .containsEntry("score", 0.1)
        .containsEntry("id", 9_000_000_000L);
  }

  @Test
  void numbersOfEveryDigitCountAtEveryDistanceFromTheEndReadAsJacksonReadsThem() {
    // The compact field reader loads eight bytes at a time: every run length around eight, and
    // every distance of the number from the record's end, must read as Jackson reads them.
    RecordParser fast = new RecordParser(LAYOUTS);
    RecordParser reference = RecordParser.jacksonOnly(LAYOUTS);
    SplittableRandom random = new SplittableRandom(7);
    String[] suffixes = {"", "e5", "E-2", ".", "x", "0"};
    int cases = 0;
    for (String sign : new String[] {"", "-"}) {
      for (int intDigits = 0; intDigits <= 10; intDigits++) {
        for (int fractionDigits = -1; fractionDigits <= 10; fractionDigits++) {
          for (String suffix : suffixes) {
            for (int tail = 0; tail <= 20; tail++) {
              String number =
                  sign + digits(random, intDigits) + fraction(random, fractionDigits) + suffix;
              String json =
                  "{\"dataset\":\"ds.one\",\"version\":\"v1\",\"event_time\":1,\"fields\":{\"f0\":"
                      + number
                      + (tail == 0 ? "" : ",\"name\":\"" + "x".repeat(tail - 1) + "\"")
                      + "}}";
              byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
              assertThat(describe(fast.parse(bytes)))
                  .as(json)
                  .isEqualTo(describe(reference.parse(bytes)));
              cases++;
            }
          }
        }
      }
    }
    assertThat(fast.plainRecords()).isGreaterThan(cases / 4);
  }

  /** {@code n} random digits, the first maybe a leading zero. */
  private static String digits(SplittableRandom random, int n) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < n; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  /** A point and {@code n} random digits; nothing when {@code n} is negative. */
  private static String fraction(SplittableRandom random, int n) {
    return n < 0 ? "" : "." + digits(random, n);
  }

  @Test
  void declaredNamesThatNoPlainStringSpellsAreMatchedAsJacksonMatchesThem() {
    // A layout whose names the plain reader cannot compare in place (non-ASCII, a quote, a control
    // character) beside plain ones, in and out of the expected order.
    Map<String, FieldLayout> layouts =
        Map.of("ds", FieldLayout.of(List.of("a", "\u00e9t\u00e9", "q\"x", "t\tb", "z")));
    String[] records = {
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"a\":1,\"z\":2}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"z\":2,\"a\":1}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"a\":1,\"\u00e9t\u00e9\":2}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"a\":1,\"q\\\"x\":2,\"z\":3}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"t\\tb\":1,\"z\":3}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"q\":1}}",
      "{\"dataset\":\"ds\",\"version\":\"v\",\"event_time\":1,\"fields\":{\"a\":1,\"a\":1}}"
    };
    RecordParser fast = new RecordParser(layouts);
    RecordParser reference = RecordParser.jacksonOnly(layouts);
    for (String json : records) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(describe(fast.parse(bytes))).as(json).isEqualTo(describe(reference.parse(bytes)));
    }
    assertThat(fast.plainRecords()).isEqualTo(2);
  }

  /** What a parse returned, with every value's type and every double's bits. */
  private static String describe(ParseResult result) {
    if (result instanceof Rejection rejection) {
      return "rejection " + rejection.reason() + ": " + rejection.detail();
    }
    ObservedRecord record = (ObservedRecord) result;
    StringBuilder out =
        new StringBuilder("record ")
            .append(record.dataset())
            .append(" | ")
            .append(record.version())
            .append(" | ")
            .append(record.eventTimeMillis())
            .append(" | ")
            .append(record.cohortKey())
            .append(" | keys=")
            .append(record.row().keyCount())
            .append(" undeclared=")
            .append(record.row().undeclaredCount())
            .append(" |");
    FieldRow row = record.row();
    for (int p = 0; p < row.layout().size(); p++) {
      out.append(' ').append(row.kind(p));
      if (row.kind(p) == FieldRow.DOUBLE) {
        out.append(':').append(Double.doubleToRawLongBits(row.number(p)));
      }
    }
    out.append(" |");
    for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
      Object v = e.getValue();
      out.append(' ').append(e.getKey()).append('=');
      if (v instanceof Double d) {
        out.append("D").append(Double.doubleToRawLongBits(d));
      } else {
        out.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- generators

  private static String envelope(SplittableRandom r) {
    if (r.nextBoolean()) {
      return plainEnvelope(r);
    }
    List<String> members = new ArrayList<>();
    if (r.nextInt(30) != 0) {
      members.add(member(r, "dataset", pick(r, DATASETS)));
    }
    if (r.nextInt(30) != 0) {
      members.add(member(r, "version", pick(r, VERSIONS)));
    }
    if (r.nextInt(30) != 0) {
      members.add(member(r, "event_time", eventTime(r)));
    }
    if (r.nextInt(3) != 0) {
      members.add(member(r, "cohort_key", pick(r, COHORTS)));
    }
    if (r.nextInt(30) != 0) {
      members.add(member(r, "fields", r.nextInt(40) == 0 ? pick(r, ODD_FIELDS) : fields(r)));
    }
    if (r.nextInt(20) == 0) {
      members.add(member(r, pick(r, new String[] {"meta", "dataset", "fields", "version"}), "1"));
    }
    if (r.nextInt(6) == 0) {
      Collections.shuffle(members, new java.util.Random(r.nextLong()));
    }
    StringBuilder json = new StringBuilder();
    json.append(ws(r)).append('{');
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        json.append(ws(r)).append(',');
      }
      json.append(ws(r)).append(members.get(i));
    }
    json.append(ws(r)).append('}').append(ws(r));
    if (r.nextInt(50) == 0) {
      json.append(pick(r, new String[] {"x", "{}", " 1", ",", "}"}));
    }
    return json.toString();
  }

  /**
   * An envelope the plain reader should take (unless its numbers are outside the plain form): valid
   * members in the usual order, declared fields with scalar values, little whitespace.
   */
  private static String plainEnvelope(SplittableRandom r) {
    StringBuilder json = new StringBuilder("{\"dataset\":\"ds.one\",\"version\":");
    json.append(pick(r, new String[] {"\"v1\"", "\"v2\"", "7", "\"" + "x".repeat(255) + "\""}));
    json.append(",").append(ws(r)).append("\"event_time\":");
    json.append(
        r.nextInt(4) == 0
            ? pick(r, new String[] {"\"2026-11-24T10:00:00Z\"", "\"2026-11-24T10:00:00.5+02:00\""})
            : Long.toString(1_795_514_400_000L + r.nextLong(-10_000_000L, 10_000_000L)));
    if (r.nextBoolean()) {
      json.append(",\"cohort_key\":").append(pick(r, new String[] {"\"c-1\"", "42", "null"}));
    }
    json.append(",\"fields\":{");
    List<String> names = new ArrayList<>(LAYOUT.size());
    for (int p = 0; p < LAYOUT.size(); p++) {
      if (r.nextInt(8) != 0) {
        names.add(LAYOUT.name(p));
      }
    }
    if (r.nextInt(5) == 0) {
      Collections.shuffle(names, new java.util.Random(r.nextLong()));
    }
    for (int i = 0; i < names.size(); i++) {
      json.append(i == 0 ? "" : ",").append(ws(r)).append('"').append(names.get(i)).append("\":");
      json.append(
          switch (r.nextInt(10)) {
            case 0 -> "\"" + pick(r, new String[] {"Ada", "", "a b", "~!@#$%^&*()"}) + "\"";
            case 1 -> pick(r, new String[] {"true", "false", "null"});
            default -> number(r);
          });
    }
    return json.append("}}").toString();
  }

  private static String member(SplittableRandom r, String key, String value) {
    String name = r.nextInt(200) == 0 ? key.replace("a", "\\u0061") : key;
    return "\"" + name + "\"" + ws(r) + ":" + ws(r) + value;
  }

  private static final String[] DATASETS = {
    "\"ds.one\"", "\"ds.one\"", "\"ds.one\"", "\"ds.one\"", "\"ds.two\"", "\"ds.three\"", "\"\"",
    "5", "null", "\"ds\\u002eone\"", "{}", "[\"ds.one\"]", "\"ds.one \"", "\"DS.ONE\""
  };

  private static final String[] VERSIONS = {
    "\"v1\"",
    "\"v2\"",
    "\"v1\"",
    "\"v2\"",
    "7",
    "-0",
    "0",
    "1.5",
    "\"\"",
    "true",
    "null",
    "\"v\u00e9\"",
    "\"v\\n2\"",
    "\"" + "x".repeat(255) + "\"",
    "\"" + "x".repeat(256) + "\"",
    "123456789012345678901234",
    "\"with space\"",
    "\"tab\tinside\"",
    "007",
    "\"v\u007f\""
  };

  private static final String[] COHORTS = {
    "\"c-1\"",
    "\"c-42\"",
    "42",
    "-7",
    "null",
    "1.5",
    "true",
    "{}",
    "\"\"",
    "\"\u00fc\"",
    "123456789012345678901",
    "\"a\\\"b\""
  };

  private static final String[] ODD_FIELDS = {
    "[]", "null", "\"f\"", "1", "{\"f0\":1,}", "{,}", "{\"f0\" 1}", "{\"f0\":}", "{\"f0\":1"
  };

  private static final String[] FIELD_NAMES = {
    "f0", "f1", "score", "name", "n", "flag", "id", "extra", "f\\u0030", "sc\u00f6re", ""
  };

  private static String eventTime(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> "\"2026-11-24T10:00:00Z\"";
      case 1 -> "\"2026-11-24T10:00:00.123+02:00\"";
      case 2 -> "\"2026-13-24T10:00:00Z\"";
      case 3 -> "\"yesterday\"";
      case 4 -> "-0";
      case 5 -> "1795514400000.0";
      case 6 -> "1.7955144E12";
      case 7 -> "9223372036854775807";
      case 8 -> "-9223372036854775808";
      case 9 -> "99999999999999999999";
      case 10 -> "null";
      default -> Long.toString(1_795_514_400_000L + r.nextLong(-10_000_000L, 10_000_000L));
    };
  }

  private static String fields(SplittableRandom r) {
    int count = r.nextInt(10);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(ws(r)).append(',');
      }
      String name =
          r.nextInt(5) == 0 ? pick(r, FIELD_NAMES) : FIELD_NAMES[Math.min(i, 6)]; // mostly in order
      json.append(ws(r)).append('"').append(name).append('"').append(ws(r)).append(':');
      json.append(ws(r)).append(value(r));
    }
    return json.append(ws(r)).append('}').toString();
  }

  private static String value(SplittableRandom r) {
    return switch (r.nextInt(14)) {
      case 0 ->
          "\"" + pick(r, new String[] {"Ada", "", "a b", "\u00e9t\u00e9", "q\\\"", "x"}) + "\"";
      case 1 -> pick(r, new String[] {"true", "false", "null", "tru", "nul", "falsey", "True"});
      case 2 -> pick(r, new String[] {"{}", "[]", "[1,2]", "{\"a\":1}", "[", "{"});
      default -> number(r);
    };
  }

  private static String number(SplittableRandom r) {
    return switch (r.nextInt(16)) {
      case 0 -> Double.toString(r.nextDouble(-1e6, 1e6));
      case 1 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
      case 2 -> Long.toString(r.nextLong());
      case 3 -> Integer.toString(r.nextInt());
      case 4 ->
          pick(
              r,
              new String[] {
                "2147483647",
                "2147483648",
                "-2147483648",
                "-2147483649",
                "999999999999999999",
                "1000000000000000000",
                "-999999999999999999",
                "9007199254740993",
                "9007199254740993.0",
                "900719925474099.3",
                "0.1",
                "0.30000000000000004",
                "123456789012345.6",
                "1.7976931348623157",
                "4.9e-324",
                "1e400",
                "-0",
                "-0.0",
                "0.0",
                "00",
                "01",
                "-01",
                "1.",
                ".5",
                "-",
                "+1",
                "1e5",
                "1E-5",
                "1.5e3",
                "0x10",
                "1_000",
                "NaN",
                "Infinity",
                "-Infinity",
                "12abc",
                "1.2.3",
                "0.000000000000000001",
                "0.0000000000000000000001",
                "0.00000000000000000000001",
                "1234567890123456789",
                "12345678901234567.8",
                "1234567890.12345678",
                "123456789.123456789"
              });
      default -> {
        // A decimal of random digit counts: the plain reader's boundaries.
        StringBuilder n = new StringBuilder(r.nextBoolean() ? "-" : "");
        int intDigits = r.nextInt(1, 12);
        n.append(r.nextInt(1, 10));
        for (int i = 1; i < intDigits; i++) {
          n.append(r.nextInt(10));
        }
        if (r.nextInt(3) != 0) {
          n.append('.');
          int fraction = r.nextInt(1, 14);
          for (int i = 0; i < fraction; i++) {
            n.append(r.nextInt(10));
          }
        }
        yield n.toString();
      }
    };
  }

  private static String ws(SplittableRandom r) {
    return switch (r.nextInt(24)) {
      case 0 -> " ";
      case 1 -> "\n";
      case 2 -> "\t";
      case 3 -> "\r\n  ";
      case 4 -> r.nextInt(10) == 0 ? "\f" : "  ";
      case 5 -> r.nextInt(10) == 0 ? "\u00a0" : " ";
      default -> "";
    };
  }

  private static byte[] mutate(byte[] bytes, SplittableRandom r) {
    byte[] alphabet = "{}[]\":,.-+0123456789eE \\tnrufalsx\u0000".getBytes(StandardCharsets.UTF_8);
    byte[] out = bytes;
    int edits = r.nextInt(1, 4);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = r.nextInt(out.length);
      byte b = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
      switch (r.nextInt(4)) {
        case 0 -> out[at] = b;
        case 1 -> {
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
        }
        case 2 -> {
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = b;
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
        default -> out = java.util.Arrays.copyOf(out, at);
      }
    }
    return out;
  }

  private static String pick(SplittableRandom r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
