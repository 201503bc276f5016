package io.driftgate.wire;

/**
 * Reads an ISO-8601 date-time with offset straight from the parser's character buffer into epoch
 * millis. {@code java.time} would need a {@code String}, a handful of objects per call and an
 * exception for every bad value; at a million records a second that is most of the parse.
 *
 * <p>Accepts {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} with one to nine fraction digits, then {@code Z} or
 * {@code ±HH:MM[:SS]}; {@code T} and {@code Z} may be lower case. Fractions below a millisecond are
 * truncated, as {@code Instant.toEpochMilli} does for instants after 1970.
 */
public final class IsoInstant {

  /** No four-digit year reaches it, so it cannot be mistaken for a parsed instant. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final long DAYS_0000_TO_1970 = 719_528L;

  private IsoInstant() {}

  /**
   * @return epoch millis, or {@link #INVALID} when {@code text[offset, offset+length)} is not an
   *     instant of the accepted form
   */
  static long parseMillis(char[] text, int offset, int length) {
    return parse(text, offset, length);
  }

  /**
   * The same rule for a whole string, for sources that read event times from text columns.
   *
   * @return epoch millis, or {@link #INVALID}
   */
  public static long parseMillis(String text) {
    return parse(text.toCharArray(), 0, text.length());
  }

  private static long parse(char[] text, int offset, int length) {
    int end = offset + length;
    if (length < 17
        || text[offset + 4] != '-'
        || text[offset + 7] != '-'
        || (text[offset + 10] != 'T' && text[offset + 10] != 't')
        || text[offset + 13] != ':') {
      return INVALID;
    }
    int year = digits(text, offset, 4);
    int month = digits(text, offset + 5, 2);
    int day = digits(text, offset + 8, 2);
    int hour = digits(text, offset + 11, 2);
    int minute = digits(text, offset + 14, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysIn(month, year)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59) {
      return INVALID;
    }
    int i = offset + 16;
    int second = 0;
    int millis = 0;
    if (i < end && text[i] == ':') {
      second = i + 3 <= end ? digits(text, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return INVALID;
      }
      i += 3;
      if (i < end && text[i] == '.') {
        int start = ++i;
        while (i < end && isDigit(text[i])) {
          if (i - start < 3) {
            millis = millis * 10 + (text[i] - '0');
          }
          i++;
        }
        int count = i - start;
        if (count == 0 || count > 9) {
          return INVALID;
        }
        for (int k = count; k < 3; k++) {
          millis *= 10;
        }
      }
    }
    int offsetSeconds = offsetSeconds(text, i, end);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return INVALID;
    }
    long seconds =
        epochDay(year, month, day) * 86_400L
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return seconds * 1_000L + millis;
  }

  /** The offset in seconds east of UTC, or {@code Integer.MIN_VALUE} when malformed. */
  private static int offsetSeconds(char[] text, int i, int end) {
    int rest = end - i;
    if (rest == 1) {
      return text[i] == 'Z' || text[i] == 'z' ? 0 : Integer.MIN_VALUE;
    }
    if ((rest != 6 && rest != 9) || (text[i] != '+' && text[i] != '-') || text[i + 3] != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(text, i + 1, 2);
    int minutes = digits(text, i + 4, 2);
    int seconds = 0;
    if (rest == 9) {
      seconds = text[i + 6] == ':' ? digits(text, i + 7, 2) : -1;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
      return Integer.MIN_VALUE;
    }
    int total = hours * 3_600 + minutes * 60 + seconds;
    if (total > 18 * 3_600) {
      return Integer.MIN_VALUE;
    }
    return text[i] == '-' ? -total : total;
  }

  /** The same arithmetic as {@code LocalDate.toEpochDay}, without the object. */
  private static long epochDay(long year, int month, int day) {
    long total = 365 * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!isLeap(year)) {
        total--;
      }
    }
    return total - DAYS_0000_TO_1970;
  }

  private static int daysIn(int month, int year) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(long year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** The decimal value of {@code count} digits, or -1 when one of them is not a digit. */
  private static int digits(char[] text, int at, int count) {
    int value = 0;
    for (int k = at; k < at + count; k++) {
      char c = text[k];
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
