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
 */
public final class DeadLetterJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private DeadLetterJson() {}

  public static byte[] toBytes(DeadLetter letter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + letter.original().length * 3);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("reason", letter.reason().name());
      json.writeStringField("detail", letter.detail());
      json.writeStringField("origin", letter.origin());
      json.writeStringField(
          "observed_at", Instant.ofEpochMilli(letter.observedAtMillis()).toString());
      json.writeStringField(
          "original_base64", Base64.getEncoder().encodeToString(letter.original()));
      json.writeStringField("original_text", utf8OrNull(letter.original()));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a dead letter to memory", e);
    }
    return out.toByteArray();
  }

  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
