package io.driftgate.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.driftgate.wire.Rejection;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rows refused before sending: the first few printed with their origin and reason, all of them
 * written to a JSON-lines file when one is given, each line {@code {"origin":...,"reason":...,
 * "detail":...}} with the dead letters' reason names.
 */
public final class Rejects implements Closeable {

  /** How many rejections are printed; the rest are counted, and in the file. */
  public static final int PRINTED = 10;

  private static final JsonFactory FACTORY = new JsonFactory();

  private final PrintStream err;
  private final BufferedWriter file;
  private long count;

  /**
   * @param file where to write every rejection as a JSON line, or {@code null}
   */
  public Rejects(PrintStream err, Path file) throws IOException {
    this.err = err;
    this.file = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  public void add(String origin, Rejection rejection) throws IOException {
    count++;
    if (count <= PRINTED) {
      err.println("rejected " + origin + ": " + rejection.reason() + ": " + rejection.detail());
    }
    if (file != null) {
      StringWriter line = new StringWriter();
      try (JsonGenerator json = FACTORY.createGenerator(line)) {
        json.writeStartObject();
        json.writeStringField("origin", origin);
        json.writeStringField("reason", rejection.reason().name());
        json.writeStringField("detail", rejection.detail());
        json.writeEndObject();
      }
      file.write(line.toString());
      file.newLine();
    }
  }

  public long count() {
    return count;
  }

  /** Says how many were not printed, and closes the file. */
  @Override
  public void close() throws IOException {
    if (count > PRINTED) {
      err.println(
          "... and "
              + (count - PRINTED)
              + " more rejected rows"
              + (file == null ? " (--rejects <file> writes them all)" : ""));
    }
    if (file != null) {
      file.close();
    }
  }
}
