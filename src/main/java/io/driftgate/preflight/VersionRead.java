package io.driftgate.preflight;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading one version whole gave: its profile's bytes, how many rows could not be read, and
 * the first of them. Travels from the preflight's operator to the client as bytes, once per version
 * at the end of the input, so no type of ours needs a Flink serializer.
 */
public record VersionRead(String version, byte[] profile, long unreadable, List<String> samples) {

  public VersionRead {
    samples = List.copyOf(samples);
  }

  static VersionRead of(WholeVersion whole) {
    return new VersionRead(
        whole.version(), whole.profile().toBytes(), whole.unreadable(), whole.samples());
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(version);
      out.writeInt(profile.length);
      out.write(profile);
      out.writeLong(unreadable);
      out.writeInt(samples.size());
      for (String sample : samples) {
        out.writeUTF(sample.length() > 2000 ? sample.substring(0, 2000) : sample);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static VersionRead fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String version = in.readUTF();
      byte[] profile = new byte[in.readInt()];
      in.readFully(profile);
      long unreadable = in.readLong();
      int count = in.readInt();
      List<String> samples = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        samples.add(in.readUTF());
      }
      return new VersionRead(version, profile, unreadable, samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
