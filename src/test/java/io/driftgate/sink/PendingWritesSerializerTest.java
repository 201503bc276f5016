package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.api.Test;

class PendingWritesSerializerTest {

  @Test
  void pendingWritesSurviveACheckpointWithTheirOrderAndReceiptTimes() throws IOException {
    PendingWritesSerializer<Instant> serializer =
        new PendingWritesSerializer<>(Types.INSTANT.createSerializer(new SerializerConfigImpl()));
    PendingWrites<Instant> writes =
        new PendingWrites<>(
            List.of(
                new Received<>(Instant.parse("2024-05-01T08:00:00Z"), 7),
                new Received<>(Instant.parse("2024-05-01T07:00:00Z"), 9)));

    PendingWrites<Instant> read =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(writes));

    assertThat(read).isEqualTo(writes);
  }

  @Test
  void theBytesAreReadWithTheSerializerThatWroteThem() throws IOException {
    PendingWrites<String> writes = new PendingWrites<>(List.of(new Received<>("v2", 1)));
    byte[] bytes =
        new PendingWritesSerializer<>(Types.STRING.createSerializer(new SerializerConfigImpl()))
            .serialize(writes);
    // A later job whose element serializer changed, as when a typed one replaces another.
    PendingWritesSerializer<String> changed =
        new PendingWritesSerializer<>(
            new GenericTypeInfo<>(String.class).createSerializer(new SerializerConfigImpl()));

    assertThat(changed.deserialize(1, bytes)).isEqualTo(writes);
  }

  @Test
  void anUnknownVersionIsRefused() {
    PendingWritesSerializer<String> serializer =
        new PendingWritesSerializer<>(Types.STRING.createSerializer(new SerializerConfigImpl()));

    assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 2");
  }
}
