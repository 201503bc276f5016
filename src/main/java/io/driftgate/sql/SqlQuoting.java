package io.driftgate.sql;

import java.util.regex.Pattern;

/**
 * Follows a statement's template text left to right to know what a placeholder stands in (a string
 * literal, a quoted identifier, a comment or bare SQL), so that its value is embedded as data: a
 * {@code '} in a password or a dataset name must close no literal and start no statement.
 *
 * <p>In a literal or a quoted identifier the quote character is doubled, as SQL escapes it; the
 * value then reads back exactly as given. Anywhere else no escape makes arbitrary text inert, so
 * only plain words are accepted there and anything else fails the load.
 */
final class SqlQuoting {

  /** What the text read so far has left open. */
  private enum Place {
    CODE,
    STRING,
    DOUBLE_QUOTED,
    BACKQUOTED,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  /** Words that cannot end a token, open a quote or a comment, or break a line. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@+-]*");

  private Place place = Place.CODE;

  /** Starts a new statement. */
  void reset() {
    place = Place.CODE;
  }

  /** Reads template text that lies between placeholders. */
  void advance(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (place) {
        case CODE -> {
          if (c == '\'') {
            place = Place.STRING;
          } else if (c == '"') {
            place = Place.DOUBLE_QUOTED;
          } else if (c == '`') {
            place = Place.BACKQUOTED;
          } else if (c == '-' && next == '-') {
            place = Place.LINE_COMMENT;
          } else if (c == '/' && next == '*') {
            place = Place.BLOCK_COMMENT;
            i++;
          }
        }
          // A doubled quote closes and reopens, which leaves the place as it was.
        case STRING -> place = c == '\'' ? Place.CODE : place;
        case DOUBLE_QUOTED -> place = c == '"' ? Place.CODE : place;
        case BACKQUOTED -> place = c == '`' ? Place.CODE : place;
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            place = Place.CODE;
            i++;
          }
        }
        case LINE_COMMENT -> {}
      }
    }
  }

  /** Ends a template line: a {@code --} comment ends with it, literals may go on. */
  void endLine() {
    if (place == Place.LINE_COMMENT) {
      place = Place.CODE;
    }
  }

  /**
   * @param name the variable, for the message; the value is never shown, it may be a secret
   * @return {@code value} escaped for where it stands
   * @throws IllegalArgumentException when the value cannot stand there as data
   */
  String embed(String name, String value) {
    return switch (place) {
      case STRING -> value.replace("'", "''");
      case DOUBLE_QUOTED -> value.replace("\"", "\"\"");
      case BACKQUOTED -> value.replace("`", "``");
      case CODE, LINE_COMMENT, BLOCK_COMMENT -> {
        if (!PLAIN.matcher(value).matches()) {
          throw new IllegalArgumentException(
              "${"
                  + name
                  + "} stands outside a quoted string, where only letters, digits and _ . : / @ +"
                  + " - can be embedded safely; quote it in the file");
        }
        yield value;
      }
    };
  }
}
