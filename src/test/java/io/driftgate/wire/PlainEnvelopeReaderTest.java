package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time digit reading against reading one byte at a time. */
class PlainEnvelopeReaderTest {

  @Test
  void aWordsDigitRunAndItsValueAreWhatAByteLoopReads() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 1_000_000; trial++) {
      byte[] lanes = new byte[Long.BYTES];
      long word = 0;
      for (int i = Long.BYTES - 1; i >= 0; i--) {
        // Mostly digits, else any byte: the neighbours of '0' and '9', high bytes, carries.
        lanes[i] =
            random.nextInt(4) != 0 ? (byte) ('0' + random.nextInt(10)) : (byte) random.nextInt(256);
        word = word << 8 | (lanes[i] & 0xFF);
      }
      int run = 0;
      long value = 0;
      while (run < Long.BYTES && lanes[run] >= '0' && lanes[run] <= '9') {
        value = 10 * value + (lanes[run] - '0');
        run++;
      }

      assertThat(PlainEnvelopeReader.digitRun(word)).as("run of %x", word).isEqualTo(run);
      if (run > 0) {
        assertThat(PlainEnvelopeReader.digitsValue(word, run))
            .as("value of %x", word)
            .isEqualTo(value);
      }
    }
  }
}
