package io.driftgate.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text layout shared by both key files: {@code #} comment lines, then one {@code key: value}
 * per line. Plain text rather than PEM so an operator can see whose key a file holds.
 */
final class KeyFileText {

  private final Path file;
  private final Map<String, String> values;

  private KeyFileText(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  static KeyFileText read(Path file, List<String> keys) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read: " + e, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new KeyFileException(file, "line " + (i + 1) + " is not 'key: value'");
      }
      String key = line.substring(0, colon).strip();
      if (!keys.contains(key)) {
        throw new KeyFileException(
            file, "line " + (i + 1) + ": unknown key '" + key + "', expected " + keys);
      }
      if (values.put(key, line.substring(colon + 1).strip()) != null) {
        throw new KeyFileException(file, "line " + (i + 1) + ": '" + key + "' appears twice");
      }
    }
    for (String key : keys) {
      if (values.getOrDefault(key, "").isEmpty()) {
        throw new KeyFileException(file, "missing '" + key + "'");
      }
    }
    return new KeyFileText(file, values);
  }

  static String write(String comment, Map<String, String> values) {
    StringBuilder text = new StringBuilder();
    comment.lines().forEach(line -> text.append("# ").append(line).append('\n'));
    values.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    return text.toString();
  }

  String get(String key) {
    return values.get(key);
  }

  byte[] base64(String key) {
    try {
      return Base64.getDecoder().decode(values.get(key));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, "'" + key + "' is not base64: " + e.getMessage(), e);
    }
  }

  KeyFileException problem(String problem) {
    return new KeyFileException(file, problem);
  }

  KeyFileException problem(String problem, Throwable cause) {
    return new KeyFileException(file, problem, cause);
  }
}
