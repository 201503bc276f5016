package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

  @Test
  void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
    SplittableRandom random = new SplittableRandom(42);
    String[] patterns = {
      "yyyy-MM-dd'T'HH:mmXXX",
      "yyyy-MM-dd'T'HH:mm:ssXXX",
      "yyyy-MM-dd'T'HH:mm:ss.SXXX",
      "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
      "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXXXX",
      "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX"
    };
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 253_000_000_000L);
      Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
      DateTimeFormatter format = DateTimeFormatter.ofPattern(patterns[i % patterns.length]);
      String text = OffsetDateTime.ofInstant(instant, offset).format(format);

      long expected = OffsetDateTime.parse(text).toInstant().toEpochMilli();

      assertThat(parse(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void acceptsLowerCaseSeparatorsAndOffsetSeconds() {
    assertThat(parse("2026-11-24t10:00z")).isEqualTo(parse("2026-11-24T10:00:00Z"));
    assertThat(parse("2026-11-24T10:00:00+01:00:30"))
        .isEqualTo(OffsetDateTime.parse("2026-11-24T10:00:00+01:00:30").toInstant().toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2026-11-24",
        "2026-11-24T10:00:00",
        "2026-11-24 10:00:00Z",
        "2026-02-29T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-11-31T10:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T10:60:00Z",
        "2026-11-24T10:00:60Z",
        "2026-11-24T10:00:00.Z",
        "2026-11-24T10:00:00.1234567890Z",
        "2026-11-24T10:00:00+19:00",
        "2026-11-24T10:00:00+18:01",
        "2026-11-24T10:00:00+0100",
        "2026-11-24T10:00:00ZZ",
        "+2026-11-24T10:00:00Z",
        "2026-1a-24T10:00:00Z"
      })
  void rejectsWhatIsNotAnInstant(String text) {
    assertThat(parse(text)).isEqualTo(IsoInstant.INVALID);
  }

  private static long parse(String text) {
    char[] padded = ("##" + text + "##").toCharArray();
    return IsoInstant.parseMillis(padded, 2, text.length());
  }
}
