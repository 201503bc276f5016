package io.driftgate.profile;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A byte array as a stream, without the JDK's per-call locks: {@code ByteArrayOutputStream} and
 * {@code ByteArrayInputStream} synchronize every {@code write(int)} and {@code read()}, and a
 * profile is written and read a variable-length integer byte at a time, thousands per numeric field
 * each window. Single-threaded use only, as the profiles themselves.
 */
final class LockFreeBytes {

  private LockFreeBytes() {}

  /** A growing byte array. */
  static final class Out extends OutputStream {

    private byte[] bytes = new byte[4096];
    private int size;

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, 2 * size);
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + len));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    int size() {
      return size;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** The bytes of an array, read from its start. */
  static final class In extends InputStream {

    private final byte[] bytes;
    private int position;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public long skip(long n) {
      int skipped = (int) Math.max(0, Math.min(n, bytes.length - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, bytes.length - position);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }
}
