package io.driftgate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "s3cr3t-shared-with-the-receiver";
  private static final String BODY = "{\"decision_id\":\"d-1\",\"kind\":\"ROLLED_BACK\"}";
  private static final long TIMESTAMP = 1714553400L;

  @Test
  void signsTheTimestampDotBodyWithHmacSha256OfTheSecret() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "sha256="
            + HexFormat.of()
                .formatHex(mac.doFinal((TIMESTAMP + "." + BODY).getBytes(StandardCharsets.UTF_8)));

    assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(expected);
  }

  @Test
  void matchesAVectorComputedByOpenssl() {
    // printf '1.x' | openssl dgst -sha256 -hmac key
    assertThat(WebhookSignature.sign("key", 1, "x"))
        .isEqualTo("sha256=fc4913c41a7bf793267e2a384f3261c9436ec2cd097bd745e7b0d99113f510ec");
  }

  @Test
  void verifiesItsOwnSignatureAndRefusesAnyChange() {
    String signature = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
    String timestamp = Long.toString(TIMESTAMP);

    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, signature)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY + " ", signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "1714553401", BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "01714553400", BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify("other", timestamp, BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, signature.toUpperCase())).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "soon", BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, BODY, signature)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, timestamp, BODY, null)).isFalse();
  }
}
