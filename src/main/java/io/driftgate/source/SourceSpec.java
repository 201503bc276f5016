package io.driftgate.source;

import io.driftgate.source.VersionSource.Branch;
import io.driftgate.source.VersionSource.Column;
import io.driftgate.source.VersionSource.EventTime;
import io.driftgate.source.VersionSource.Files;
import io.driftgate.source.VersionSource.Format;
import io.driftgate.source.VersionSource.IcebergTable;
import io.driftgate.source.VersionSource.JdbcQuery;
import io.driftgate.source.VersionSource.Location;
import io.driftgate.source.VersionSource.Published;
import io.driftgate.source.VersionSource.Secret;
import io.driftgate.source.VersionSource.Snapshot;
import io.driftgate.source.VersionSource.SnapshotId;
import io.driftgate.source.VersionSource.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link VersionSource} as one line of text, for command-line options such as {@code
 * --candidate-source}:
 *
 * <pre>
 * KIND:LOCATION[;KEY=VALUE]...[;query=SQL]
 *
 * parquet:/data/v2;event-time=column:updated_at
 * csv:/data/v2.csv;event-time=published:2026-03-02T09:00:00Z
 * jsonl:/data/v2.jsonl;event-time=column:ts
 * jdbc:postgresql://db:5432/features;user=gate;password-env=PGPASSWORD;event-time=column:ts;query=SELECT ts, id, x FROM v2 ORDER BY id
 * iceberg:/warehouse/db/features@snapshot=4713;event-time=column:ts
 * iceberg:db.features@branch=audit;warehouse=/warehouse;event-time=column:ts
 * </pre>
 *
 * Keys are separated by {@code ;}; a {@code ;} inside the location or a value is written {@code
 * ;;}. {@code query=} comes last and takes the rest of the text as is, so a query may hold any
 * character. {@code event-time=} is required: {@code column:NAME} or {@code published:INSTANT}.
 * Credentials are never in the text: {@code user=NAME}, {@code user-env=VAR} or {@code
 * user-file=PATH}, and {@code password-env=VAR} or {@code password-file=PATH}, read when the source
 * is built. See {@code docs/sources.md}.
 */
public final class SourceSpec {

  private static final String QUERY = "query=";
  private static final Set<String> FILE_KEYS = Set.of("event-time");
  private static final Set<String> JDBC_KEYS =
      Set.of("event-time", "user", "user-env", "user-file", "password-env", "password-file");
  private static final Set<String> ICEBERG_KEYS = Set.of("event-time", "warehouse");

  private SourceSpec() {}

  /**
   * The source that {@code text} describes.
   *
   * @throws IllegalArgumentException with a message that quotes what is wrong
   */
  public static VersionSource parse(String dataset, String version, String text) {
    if (text == null || text.isBlank()) {
      throw error("a source is KIND:LOCATION;event-time=..., not an empty text");
    }
    String query = null;
    String head = text;
    int queryAt = queryStart(text);
    if (queryAt >= 0) {
      query = text.substring(queryAt + QUERY.length());
      head = text.substring(0, queryAt - 1);
    }
    List<String> parts = split(head);
    String location = parts.get(0);
    int colon = location.indexOf(':');
    if (colon <= 0) {
      throw error(
          "'" + text + "' does not start with a kind (parquet:, csv:, jsonl:, jdbc:, iceberg:)");
    }
    String kind = location.substring(0, colon);
    String rest = location.substring(colon + 1);
    Map<String, String> options = options(parts.subList(1, parts.size()), text);
    EventTime eventTime = eventTime(options.remove("event-time"));
    Location where =
        switch (kind) {
          case "parquet" -> files(Format.PARQUET, rest, options, query);
          case "csv" -> files(Format.CSV, rest, options, query);
          case "jsonl" -> files(Format.JSON_LINES, rest, options, query);
          case "jdbc" -> jdbc(location, options, query);
          case "iceberg" -> iceberg(rest, options, query);
          default ->
              throw error(
                  "unknown source kind '" + kind + "' (known: parquet, csv, jsonl, jdbc, iceberg)");
        };
    return new VersionSource(dataset, version, where, eventTime);
  }

  /**
   * {@code source}'s location and event time as the canonical text {@link #parse} reads back: keys
   * in a fixed order, {@code query=} last. It holds no secret: a password is only ever named by its
   * environment variable or file.
   */
  public static String describe(VersionSource source) {
    StringBuilder text = new StringBuilder();
    String query = null;
    Location where = source.where();
    if (where instanceof Files files) {
      text.append(
              switch (files.format()) {
                case PARQUET -> "parquet:";
                case CSV -> "csv:";
                case JSON_LINES -> "jsonl:";
              })
          .append(escape(files.path()));
    } else if (where instanceof JdbcQuery jdbc) {
      text.append(escape(jdbc.url()));
      secret(text, "user", jdbc.user());
      secret(text, "password", jdbc.password());
      query = jdbc.query();
    } else {
      IcebergTable iceberg = (IcebergTable) where;
      text.append("iceberg:").append(escape(iceberg.table()));
      Snapshot at = iceberg.at();
      if (at instanceof SnapshotId id) {
        text.append("@snapshot=").append(id.id());
      } else if (at instanceof Branch branch) {
        text.append("@branch=").append(escape(branch.name()));
      } else if (at instanceof Tag tag) {
        text.append("@tag=").append(escape(tag.name()));
      }
      if (iceberg.warehouse() != null) {
        text.append(";warehouse=").append(escape(iceberg.warehouse()));
      }
    }
    text.append(";event-time=");
    if (source.eventTime() instanceof Column column) {
      text.append("column:").append(escape(column.name()));
    } else {
      text.append("published:").append(((Published) source.eventTime()).at());
    }
    if (query != null) {
      text.append(';').append(QUERY).append(query);
    }
    return text.toString();
  }

  // ------------------------------------------------------------------ kinds

  private static Location files(
      Format format, String path, Map<String, String> options, String query) {
    String kind =
        format == Format.JSON_LINES ? "jsonl" : format.name().toLowerCase(java.util.Locale.ROOT);
    only(kind, options, FILE_KEYS, query);
    if (path.isBlank()) {
      throw error(kind + ": a path is required, e.g. " + kind + ":/data/v2");
    }
    return new Files(format, path);
  }

  private static Location jdbc(String url, Map<String, String> options, String query) {
    if (options.containsKey("password")) {
      throw error(
          "jdbc: a password is never written in a source; name an environment variable"
              + " (password-env=) or a file (password-file=)");
    }
    only("jdbc", options, JDBC_KEYS, null);
    if (query == null || query.isBlank()) {
      throw error("jdbc: a query is required, as the last key: ...;query=SELECT ...");
    }
    Secret user = oneOf("user", options);
    Secret password = oneOf("password", options);
    return new JdbcQuery(url, query, user, password);
  }

  private static Location iceberg(String table, Map<String, String> options, String query) {
    only("iceberg", options, ICEBERG_KEYS, query);
    Snapshot at = Snapshot.current();
    int ref = table.lastIndexOf('@');
    if (ref >= 0) {
      String selector = table.substring(ref + 1);
      table = table.substring(0, ref);
      at = snapshot(selector);
    }
    if (table.isBlank()) {
      throw error("iceberg: a table location or namespace.table is required");
    }
    return new IcebergTable(options.get("warehouse"), table, at);
  }

  private static Snapshot snapshot(String selector) {
    int equals = selector.indexOf('=');
    String key = equals < 0 ? selector : selector.substring(0, equals);
    String value = equals < 0 ? "" : selector.substring(equals + 1);
    if (value.isBlank()) {
      throw error(
          "iceberg: '@" + selector + "' names no snapshot (@snapshot=ID, @branch=NAME, @tag=NAME)");
    }
    return switch (key) {
      case "snapshot" -> {
        try {
          yield Snapshot.id(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw error("iceberg: snapshot id '" + value + "' is not a number");
        }
      }
      case "branch" -> Snapshot.branch(value);
      case "tag" -> Snapshot.tag(value);
      default ->
          throw error(
              "iceberg: '@"
                  + selector
                  + "' names no snapshot (@snapshot=ID, @branch=NAME, @tag=NAME)");
    };
  }

  // ------------------------------------------------------------------ pieces

  private static EventTime eventTime(String value) {
    if (value == null) {
      throw error(
          "event-time= is required: column:NAME (a column of each row) or published:INSTANT"
              + " (e.g. published:2026-03-02T09:00:00Z)");
    }
    if (value.startsWith("column:")) {
      String name = value.substring("column:".length());
      if (name.isBlank()) {
        throw error("event-time=column: needs a column name");
      }
      return EventTime.column(name);
    }
    if (value.startsWith("published:")) {
      String instant = value.substring("published:".length());
      try {
        return EventTime.published(Instant.parse(instant));
      } catch (DateTimeParseException e) {
        throw error(
            "event-time=published: '"
                + instant
                + "' is not an ISO-8601 instant such as 2026-03-02T09:00:00Z");
      }
    }
    throw error("event-time='" + value + "' is neither column:NAME nor published:INSTANT");
  }

  private static Secret oneOf(String what, Map<String, String> options) {
    String value = options.get(what);
    String env = options.get(what + "-env");
    String file = options.get(what + "-file");
    int given = (value == null ? 0 : 1) + (env == null ? 0 : 1) + (file == null ? 0 : 1);
    if (given > 1) {
      throw error(
          "jdbc: give one of " + what + "=, " + what + "-env= and " + what + "-file=, not several");
    }
    if (value != null) {
      return new Secret(Secret.From.VALUE, value);
    }
    if (env != null) {
      return new Secret(Secret.From.ENV, env);
    }
    return file == null ? null : new Secret(Secret.From.FILE, file);
  }

  private static void secret(StringBuilder text, String what, Secret secret) {
    if (secret == null) {
      return;
    }
    text.append(';').append(what);
    switch (secret.from()) {
      case ENV -> text.append("-env");
      case FILE -> text.append("-file");
      default -> {}
    }
    text.append('=').append(escape(secret.name()));
  }

  private static void only(String kind, Map<String, String> options, Set<String> keys, String q) {
    for (String key : options.keySet()) {
      if (!keys.contains(key)) {
        throw error(kind + ": unknown key '" + key + "' (known: " + sorted(keys) + ")");
      }
    }
    if (q != null) {
      throw error(kind + ": unknown key 'query' (known: " + sorted(keys) + ")");
    }
  }

  private static List<String> sorted(Set<String> keys) {
    List<String> list = new ArrayList<>(keys);
    list.sort(null);
    return list;
  }

  private static Map<String, String> options(List<String> parts, String text) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String part : parts) {
      int equals = part.indexOf('=');
      if (equals <= 0) {
        throw error("'" + part + "' in '" + text + "' is not KEY=VALUE");
      }
      String key = part.substring(0, equals);
      if (options.put(key, part.substring(equals + 1)) != null) {
        throw error("key '" + key + "' is given twice");
      }
    }
    return options;
  }

  /** Where {@code ;query=} starts (its {@code q}), the first one not inside a {@code ;;}. */
  private static int queryStart(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ';') {
        if (i + 1 < text.length() && text.charAt(i + 1) == ';') {
          i++;
        } else if (text.startsWith(QUERY, i + 1)) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** {@code text} split at single {@code ;}s, each {@code ;;} read as one {@code ;}. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        part.append(';');
        i++;
      } else if (c == ';') {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  private static String escape(String value) {
    return value.replace(";", ";;");
  }

  private static IllegalArgumentException error(String message) {
    return new IllegalArgumentException("source: " + message);
  }
}
