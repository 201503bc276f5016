package io.driftgate.contract;

/**
 * Checks the ISO-8601 forms of dates and timestamps without allocating or throwing, because {@code
 * java.time} parsing reports bad input by exception, which is too slow for a per-record check.
 * Accepts what {@code LocalDate.parse} and {@code OffsetDateTime.parse} accept for four-digit
 * years.
 */
final class IsoTemporal {

  private IsoTemporal() {}

  /** {@code yyyy-MM-dd}, a real calendar day. */
  static boolean isDate(String text) {
    return text.length() == 10 && isDateAt(text);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm[:ss[.fffffffff]]} (zero to nine fraction digits) followed by {@code Z}
   * or an offset {@code +HH:MM[:SS]}; {@code T} and {@code Z} may be lower case.
   */
  static boolean isTimestamp(String text) {
    int length = text.length();
    if (length < 17 || !isDateAt(text)) {
      return false;
    }
    char separator = text.charAt(10);
    if ((separator != 'T' && separator != 't')
        || !isTwoDigits(text, 11, 23)
        || text.charAt(13) != ':'
        || !isTwoDigits(text, 14, 59)) {
      return false;
    }
    int i = 16;
    if (i < length && text.charAt(i) == ':') {
      if (!isTwoDigits(text, i + 1, 59)) {
        return false;
      }
      i += 3;
      if (i < length && text.charAt(i) == '.') {
        int start = ++i;
        while (i < length && isDigit(text.charAt(i))) {
          i++;
        }
        if (i - start > 9) {
          return false;
        }
      }
    }
    return isOffset(text, i);
  }

  private static boolean isOffset(String text, int i) {
    int rest = text.length() - i;
    if (rest == 1) {
      char zulu = text.charAt(i);
      return zulu == 'Z' || zulu == 'z';
    }
    if (rest != 6 && rest != 9) {
      return false;
    }
    char sign = text.charAt(i);
    boolean hoursAndMinutes =
        (sign == '+' || sign == '-')
            && isTwoDigits(text, i + 1, 18)
            && text.charAt(i + 3) == ':'
            && isTwoDigits(text, i + 4, 59);
    if (!hoursAndMinutes || twoDigits(text, i + 1) == 18 && twoDigits(text, i + 4) != 0) {
      return false;
    }
    return rest == 6
        || (text.charAt(i + 6) == ':'
            && isTwoDigits(text, i + 7, 59)
            && (twoDigits(text, i + 1) != 18 || twoDigits(text, i + 7) == 0));
  }

  private static boolean isDateAt(String text) {
    if (!isTwoDigits(text, 0, 99)
        || !isTwoDigits(text, 2, 99)
        || text.charAt(4) != '-'
        || !isTwoDigits(text, 5, 12)
        || text.charAt(7) != '-'
        || !isTwoDigits(text, 8, 31)) {
      return false;
    }
    int year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
    int month = twoDigits(text, 5);
    int day = twoDigits(text, 8);
    return month >= 1 && day >= 1 && day <= daysIn(month, year);
  }

  private static int daysIn(int month, int year) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isTwoDigits(String text, int i, int max) {
    return i + 1 < text.length()
        && isDigit(text.charAt(i))
        && isDigit(text.charAt(i + 1))
        && twoDigits(text, i) <= max;
  }

  private static int twoDigits(String text, int i) {
    return (text.charAt(i) - '0') * 10 + (text.charAt(i + 1) - '0');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
