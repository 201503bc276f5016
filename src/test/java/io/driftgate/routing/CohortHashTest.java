package io.driftgate.routing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.apache.datasketches.hash.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hash is a cross-language contract: these tests pin it, not just exercise it. */
class CohortHashTest {

  /** Published MurmurHash3_x64_128 vectors (Guava's Murmur3Hash128Test): seed, h1, h2, input. */
  @ParameterizedTest
  @CsvSource({
    "0, 629942693e10f867, 92db0b82baeb5347, hell",
    "1, a78ddff5adae8d10, 128900ef20900135, hello",
    "2, 8a486b23f422e826, f962a2c58947765f, 'hello '",
    "3, 2ea59f466f6bed8c, c610990acc428a17, hello w",
    "4, 79f6305a386c572c, 46305aed3483b94e, hello wo",
    "5, c2219d213ec1f1b5, a1d8e2e0a52785bd, hello wor",
    "0, e34bbc7bbc071b6c, 7a433ca9c49a9347, The quick brown fox jumps over the lazy dog",
    "0, 658ca970ff85269a, 43fee3eaa68e5c3e, The quick brown fox jumps over the lazy cog",
  })
  void murmurMatchesPublishedVectors(long seed, String h1, String h2, String input) {
    assertThat(MurmurHash3.hash(input.getBytes(US_ASCII), seed))
        .containsExactly(Long.parseUnsignedLong(h1, 16), Long.parseUnsignedLong(h2, 16));
  }

  /**
   * DataSketches refuses an empty array, hence the zero-length slice; {@link CohortHash} never
   * passes an empty input, since it always holds the separator byte.
   */
  @Test
  void murmurOfEmptyInputWithSeedZeroIsZero() {
    assertThat(MurmurHash3.hash(new byte[1], 0, 0, 0L)).containsExactly(0L, 0L);
  }

  /**
   * SMHasher's VerificationTest, which covers every tail length 0..255 and seeds 1..256: hash {0},
   * {0,1}, ... {0..254} with seed 256 - length, hash the concatenated little-endian digests with
   * seed 0, and read the first 4 bytes. The reference value for MurmurHash3_x64_128 ("Murmur3F") is
   * 0x6384BA69.
   */
  @Test
  void murmurPassesSmhasherVerification() {
    byte[] key = new byte[256];
    byte[] digests = new byte[256 * 16];
    for (int length = 0; length < 256; length++) {
      key[length] = (byte) length;
      long[] h = MurmurHash3.hash(key, 0, length, 256 - length);
      putLittleEndian(digests, length * 16, h[0]);
      putLittleEndian(digests, length * 16 + 8, h[1]);
    }

    assertThat((int) MurmurHash3.hash(digests, 0L)[0]).isEqualTo(0x6384BA69);
  }

  @Test
  void bucketIsTheDocumentedFunctionOfTheDocumentedBytes() {
    SplittableRandom random = new SplittableRandom(20241124L);
    for (int i = 0; i < 20_000; i++) {
      String salt = randomText(random, 1 + random.nextInt(12)).replace('\0', 'x');
      String key = randomText(random, random.nextInt(40));

      assertThat(CohortHash.bucket(salt, key))
          .as("salt %s, key %s", salt, key)
          .isEqualTo(referenceBucket(salt, key));
    }
  }

  @Test
  void unpairedSurrogateIsHashedAsQuestionMark() {
    assertThat(CohortHash.bucket("s", "a\uD800b")).isEqualTo(CohortHash.bucket("s", "a?b"));
  }

  /**
   * Computed once and cross-checked with Python's mmh3 5.3.0 using the recipe in {@link
   * CohortHash}'s javadoc. A change here breaks every consumer's cohort: never update it to make a
   * test pass.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "orders-2024-11-v7 | ''                                         | 6913",
        "orders-2024-11-v7 | user-42                                    | 1342",
        "orders-2024-11-v7 | user-43                                    | 2315",
        "orders-2024-11-v7 | ü                                          | 7506",
        "orders-2024-11-v7 | 用户-7                                     | 720",
        "orders-2024-11-v7 | 🙂                                         | 1642",
        "orders-2024-11-v7 | Ωmega ops                                  | 4313",
        "orders-2024-11-v7 | a-key-longer-than-sixteen-bytes-0123456789 | 3085",
        "s                 | ''                                         | 6049",
        "s                 | user-42                                    | 2856",
        "s                 | user-43                                    | 4151",
        "s                 | ü                                          | 5658",
        "s                 | 用户-7                                     | 2915",
        "s                 | 🙂                                         | 5522",
        "s                 | Ωmega ops                                  | 7081",
        "s                 | a-key-longer-than-sixteen-bytes-0123456789 | 5610",
        "sälz-ß            | ''                                         | 3117",
        "sälz-ß            | user-42                                    | 551",
        "sälz-ß            | user-43                                    | 9006",
        "sälz-ß            | ü                                          | 516",
        "sälz-ß            | 用户-7                                     | 8752",
        "sälz-ß            | 🙂                                         | 9627",
        "sälz-ß            | Ωmega ops                                  | 1658",
        "sälz-ß            | a-key-longer-than-sixteen-bytes-0123456789 | 9488",
      })
  void bucketsArePinned(String salt, String key, int bucket) {
    assertThat(CohortHash.bucket(salt, key)).isEqualTo(bucket);
  }

  @Test
  void keyContainingTheSeparatorIsPinned() {
    assertThat(CohortHash.bucket("orders-2024-11-v7", "\0")).isEqualTo(1239);
    assertThat(CohortHash.bucket("s", "\0")).isEqualTo(8387);
    assertThat(CohortHash.bucket("sälz-ß", "\0")).isEqualTo(5783);
  }

  @Test
  void rejectsSaltContainingTheSeparator() {
    assertThatThrownBy(() -> CohortHash.bucket("a\0b", "c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("salt 'a\0b' contains U+0000");
  }

  @Test
  void rejectsNullArgumentsByName() {
    assertThatThrownBy(() -> CohortHash.bucket(null, "k")).hasMessage("salt");
    assertThatThrownBy(() -> CohortHash.bucket("s", null)).hasMessage("cohortKey");
  }

  /** The definition in the javadoc, written independently of the production fast path. */
  private static int referenceBucket(String salt, String key) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(salt.getBytes(UTF_8));
    input.write(0x00);
    input.writeBytes(key.getBytes(UTF_8));
    long h1 = MurmurHash3.hash(input.toByteArray(), 0L)[0];
    return (int) Long.remainderUnsigned(h1, 10_000);
  }

  /**
   * Half the strings all ASCII, as real keys mostly are (the production fast path); the others
   * mixed with control, Latin, Greek, CJK and emoji code points.
   */
  private static String randomText(SplittableRandom random, int codePoints) {
    int[][] nonAscii = {
      {0x00, 0x1f}, {0xa0, 0x17f}, {0x391, 0x3c9}, {0x4e00, 0x4fff}, {0x1f300, 0x1f64f}
    };
    boolean asciiOnly = random.nextBoolean();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int[] range =
          asciiOnly || random.nextBoolean()
              ? new int[] {0x20, 0x7e}
              : nonAscii[random.nextInt(nonAscii.length)];
      text.appendCodePoint(random.nextInt(range[0], range[1] + 1));
    }
    return text.toString();
  }

  private static void putLittleEndian(byte[] target, int offset, long value) {
    for (int b = 0; b < 8; b++) {
      target[offset + b] = (byte) (value >>> (8 * b));
    }
  }
}
