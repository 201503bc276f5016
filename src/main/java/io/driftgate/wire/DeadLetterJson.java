package io.driftgate.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes a {@link DeadLetter} as one JSON object:
 *
 * <pre>{@code
 * {"reason":"BAD_EVENT_TIME","detail":"...","origin":"records-0@17",
 *  "observed_at":"2026-11-24T10:00:00Z","original_base64":"...","original_text":"..."}
 * }</pre>
 *
 * <p>The bytes are deterministic (fixed key order, no whitespace) so a replayed job writes the same
 * dead letters. The original is always in Base64, since it may not be text at all; {@code
 * original_text} repeats it readably when it is valid UTF-8, and is {@code null} otherwise.
 *
 * <p>Only the first {@link #MAX_ORIGINAL_BYTES} of the original are kept, so that the dead letter
 * of a 10 MB record is about 200 KB and fits Kafka's default 1 MB message limit: {@code
 * original_length} is the original's full length and {@code original_truncated} says whether bytes
 * were dropped. The text of a truncated original ends at the last whole UTF-8 character kept.
 */
public final class DeadLetterJson {

  /** Most bytes of the original a dead letter keeps: 64 KiB. */
  public static final int MAX_ORIGINAL_BYTES = 64 * 1024;

  private static final JsonFactory FACTORY = new JsonFactory();

  private DeadLetterJson() {}

  public static byte[] toBytes(DeadLetter letter) {
    byte[] original = letter.original();
    int kept = Math.min(original.length, MAX_ORIGINAL_BYTES);
    boolean truncated = kept < original.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + kept * 3);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("reason", letter.reason().name());
      json.writeStringField("detail", letter.detail());
      json.writeStringField("origin", letter.origin());
      json.writeStringField(
          "observed_at", Instant.ofEpochMilli(letter.observedAtMillis()).toString());
      json.writeStringField(
          "original_base64",
          Base64.getEncoder().encodeToString(truncated ? Arrays.copyOf(original, kept) : original));
      json.writeStringField("original_text", utf8OrNull(original, kept, truncated));
      json.writeNumberField("original_length", original.length);
      json.writeBooleanField("original_truncated", truncated);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a dead letter to memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The first {@code length} bytes as text, or {@code null} when they are not UTF-8; when {@code
   * truncated}, a character the cut split (up to 3 bytes) is dropped rather than failing the text.
   */
  private static String utf8OrNull(byte[] bytes, int length, boolean truncated) {
    int shortest = truncated ? Math.max(0, length - 3) : length;
    for (int end = length; end >= shortest; end--) {
      String text = utf8OrNull(ByteBuffer.wrap(bytes, 0, end));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  private static String utf8OrNull(ByteBuffer bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
