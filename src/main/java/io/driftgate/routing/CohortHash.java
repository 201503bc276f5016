package io.driftgate.routing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * Assigns a consumer to one of {@value #BUCKETS} buckets, the same one on every JVM and in every
 * language, so that a consumer's version never depends on which process resolves it.
 *
 * <p>The definition, precise enough to reproduce elsewhere:
 *
 * <pre>
 *   input  = UTF-8(salt) || 0x00 || UTF-8(cohortKey)
 *   h1     = first 64-bit half of MurmurHash3_x64_128(input, seed = 0), as an unsigned integer
 *   bucket = h1 mod 10000
 * </pre>
 *
 * <ul>
 *   <li>UTF-8 is plain RFC 3629: no byte-order mark, no length prefix, no Unicode normalization (a
 *       key in NFC and the same key in NFD are different keys). An unpaired UTF-16 surrogate, which
 *       has no UTF-8 form, is encoded as {@code '?'} (0x3F), as Java's {@code
 *       String.getBytes(UTF_8)} does.
 *   <li>The single 0x00 byte separates salt and key; it is unambiguous because UTF-8 encodes only
 *       U+0000 as 0x00 and a salt may not contain U+0000. The key may contain anything, including
 *       U+0000, and may be empty.
 *   <li>{@code h1} is {@code out[0]} of the reference C++ {@code MurmurHash3_x64_128}, i.e. the
 *       first 8 bytes of the 16-byte digest read little-endian. In Python: {@code
 *       mmh3.hash64(salt.encode() + b"\x00" + key.encode(), 0, signed=False)[0] % 10000}.
 * </ul>
 *
 * <p>The salt is per rollout, so that the first 10% exposed to one dataset's candidate are not also
 * the first 10% of every other rollout. The implementation is DataSketches' {@link MurmurHash3},
 * pinned against published test vectors in the tests.
 */
public final class CohortHash {

  /** Number of buckets; exposure is counted in basis points, one bucket each. */
  public static final int BUCKETS = 10_000;

  private static final long SEED = 0L;

  private CohortHash() {}

  /**
   * Returns the bucket in {@code [0, BUCKETS)} of {@code cohortKey} under {@code salt}.
   *
   * @throws IllegalArgumentException if the salt contains U+0000, the salt/key separator
   */
  public static int bucket(String salt, String cohortKey) {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(cohortKey, "cohortKey");
    if (salt.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "salt '" + salt + "' contains U+0000, the byte that separates salt and cohort key");
    }
    long h1 = MurmurHash3.hash(input(salt, cohortKey), SEED)[0];
    return (int) Long.remainderUnsigned(h1, BUCKETS);
  }

  /**
   * The hash input. Cohort keys and salts are usually ASCII, where UTF-8 is the identity, so the
   * common case fills one array directly instead of encoding two strings and concatenating them.
   */
  static byte[] input(String salt, String cohortKey) {
    int keyOffset = salt.length() + 1;
    byte[] input = new byte[keyOffset + cohortKey.length()]; // input[keyOffset - 1] is the 0x00
    if (copyAscii(salt, input, 0) && copyAscii(cohortKey, input, keyOffset)) {
      return input;
    }
    byte[] saltBytes = salt.getBytes(UTF_8);
    byte[] keyBytes = cohortKey.getBytes(UTF_8);
    byte[] encoded = new byte[saltBytes.length + 1 + keyBytes.length];
    System.arraycopy(saltBytes, 0, encoded, 0, saltBytes.length);
    System.arraycopy(keyBytes, 0, encoded, saltBytes.length + 1, keyBytes.length);
    return encoded;
  }

  /** Copies {@code s} into {@code target} if it is all ASCII; false at its first other char. */
  private static boolean copyAscii(String s, byte[] target, int offset) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      target[offset + i] = (byte) c;
    }
    return true;
  }
}
