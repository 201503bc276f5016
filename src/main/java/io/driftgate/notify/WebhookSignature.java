package io.driftgate.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook request is signed, and how a receiver checks it: {@value #SIGNATURE_HEADER} is
 * {@code sha256=} and the lowercase hex HMAC-SHA256, keyed by the webhook's shared secret (its
 * UTF-8 bytes), of the UTF-8 bytes of {@code <timestamp>.<body>}, where the timestamp is the
 * {@value #TIMESTAMP_HEADER} header: the time the request was sent, in seconds since the epoch. The
 * signed timestamp lets a receiver refuse an old request replayed to it; driftgate does not judge
 * that for it. {@value #DELIVERY_HEADER} is the decision's id, the same on every attempt, for the
 * receiver to drop a duplicate.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Driftgate-Signature";
  public static final String TIMESTAMP_HEADER = "X-Driftgate-Timestamp";
  public static final String DELIVERY_HEADER = "X-Driftgate-Delivery";

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  /**
   * Whether {@code signature} (the header's value) signs {@code body} at {@code timestamp} (the
   * timestamp header's value) with {@code secret}; compared in constant time. Any malformed input
   * is simply not a valid signature.
   */
  public static boolean verify(String secret, String timestamp, String body, String signature) {
    if (secret == null || timestamp == null || body == null || signature == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (!timestamp.equals(Long.toString(seconds))) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
