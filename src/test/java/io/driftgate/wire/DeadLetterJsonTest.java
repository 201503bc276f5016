package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long OBSERVED = Instant.parse("2026-11-24T10:00:00.250Z").toEpochMilli();

  @Test
  void writesSnakeCaseKeysInAFixedOrder() {
    byte[] original = "{\"dataset\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter =
        DeadLetter.of(
            new Rejection(RejectReason.UNKNOWN_DATASET, "dataset \"x\" has no contract"),
            DeadLetter.origin("records", 3, 1042),
            original,
            OBSERVED);

    String json = new String(DeadLetterJson.toBytes(letter), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"reason\":\"UNKNOWN_DATASET\",\"detail\":\"dataset \\\"x\\\" has no contract\","
                + "\"origin\":\"records-3@1042\",\"observed_at\":\"2026-11-24T10:00:00.250Z\","
                + "\"original_base64\":\""
                + Base64.getEncoder().encodeToString(original)
                + "\",\"original_text\":\"{\\\"dataset\\\":\\\"x\\\"}\","
                + "\"original_length\":15,\"original_truncated\":false}");
  }

  @Test
  void keepsBinaryOriginalsOnlyAsBase64() throws Exception {
    byte[] original = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
    DeadLetter letter =
        new DeadLetter(RejectReason.MALFORMED_JSON, "not JSON", "records-0@7", original, OBSERVED);

    JsonNode json = JSON.readTree(DeadLetterJson.toBytes(letter));

    assertThat(json.get("original_text").isNull()).isTrue();
    assertThat(Base64.getDecoder().decode(json.get("original_base64").textValue()))
        .isEqualTo(original);
  }

  /** A 10 MB record's dead letter keeps 64 KiB of it and says how long it was. */
  @Test
  void aTenMegabyteOriginalIsTruncatedTo64KibWithItsLength() throws Exception {
    byte[] original = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(original, (byte) 'a');
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes across the cut
    System.arraycopy(euro, 0, original, 65_535, 3);
    DeadLetter letter =
        DeadLetter.of(
            new Rejection(RejectReason.TOO_LARGE, "x".repeat(5_000)),
            "records-0@1",
            original,
            OBSERVED);

    byte[] bytes = DeadLetterJson.toBytes(letter);
    JsonNode json = JSON.readTree(bytes);

    assertThat(bytes.length).isLessThan(200_000);
    assertThat(json.get("original_length").longValue()).isEqualTo(10 * 1024 * 1024);
    assertThat(json.get("original_truncated").booleanValue()).isTrue();
    assertThat(Base64.getDecoder().decode(json.get("original_base64").textValue()))
        .isEqualTo(java.util.Arrays.copyOf(original, 65_536));
    assertThat(json.get("original_text").textValue())
        .as("the split euro sign is dropped, not the whole text")
        .isEqualTo("a".repeat(65_535));
    assertThat(json.get("detail").textValue())
        .hasSize(DeadLetter.MAX_DETAIL_CHARS)
        .endsWith("x… (5000 characters)");
    assertThat(new DeadLetter(letter.reason(), letter.detail(), "o", null, 0).detail())
        .as("capping a capped detail changes nothing")
        .isEqualTo(letter.detail());
  }

  @Test
  void isDeterministic() {
    DeadLetter letter =
        new DeadLetter(
            RejectReason.LATE,
            "late by PT5M",
            "records-1@2",
            "é".getBytes(StandardCharsets.UTF_8),
            OBSERVED);

    assertThat(DeadLetterJson.toBytes(letter)).isEqualTo(DeadLetterJson.toBytes(letter));
    assertThat(new String(DeadLetterJson.toBytes(letter), StandardCharsets.UTF_8))
        .contains("\"original_text\":\"é\"");
  }
}
