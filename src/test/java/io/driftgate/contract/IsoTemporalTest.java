package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written checks agree with {@code java.time}, which they replace on the hot path. */
class IsoTemporalTest {

  private static final List<String> DATES =
      List.of(
          "2024-02-29",
          "2023-02-29",
          "1900-02-29",
          "2000-02-29",
          "2024-04-31",
          "2024-12-31",
          "2024-13-01",
          "2024-00-10",
          "2024-01-00",
          "2024-1-01",
          "2024/01/01",
          "20240101",
          "2024-01-01T",
          "0000-01-01",
          "abcd-ef-gh",
          "");

  private static final List<String> TIMESTAMPS =
      List.of(
          "2024-05-01T12:30Z",
          "2024-05-01T12:30:00Z",
          "2024-05-01t12:30:00z",
          "2024-05-01T12:30:00.1Z",
          "2024-05-01T12:30:00.123456789+02:00",
          "2024-05-01T12:30:00.1234567890Z",
          "2024-05-01T12:30:00.Z",
          "2024-05-01T12:30:00+18:00",
          "2024-05-01T12:30:00+18:01",
          "2024-05-01T12:30:00-05:30:15",
          "2024-05-01T12:30:00+0200",
          "2024-05-01T12:30:00",
          "2024-05-01T24:00:00Z",
          "2024-05-01T23:60:00Z",
          "2024-05-01T23:59:60Z",
          "2024-05-01 12:30:00Z",
          "2024-02-30T00:00:00Z",
          "2024-05-01");

  @Test
  void datesAgreeWithLocalDate() {
    for (String text : DATES) {
      assertThat(IsoTemporal.isDate(text)).as(text).isEqualTo(parses(() -> LocalDate.parse(text)));
    }
  }

  @Test
  void timestampsAgreeWithOffsetDateTime() {
    for (String text : TIMESTAMPS) {
      assertThat(IsoTemporal.isTimestamp(text))
          .as(text)
          .isEqualTo(parses(() -> OffsetDateTime.parse(text)));
    }
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
