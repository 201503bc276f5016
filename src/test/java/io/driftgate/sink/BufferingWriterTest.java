package io.driftgate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BufferingWriterTest {

  private final AtomicLong millis = new AtomicLong(1_000);

  @Test
  void eachCheckpointTakesWhatArrivedSinceTheLastInOrder() {
    BufferingWriter<String> writer = new BufferingWriter<>(s -> s, millis::get);

    writer.write("promoted", null);
    millis.addAndGet(5);
    writer.write("rolled back", null);

    assertThat(writer.prepareCommit())
        .singleElement()
        .extracting(PendingWrites::elements)
        .asList()
        .containsExactly(new Received<>("promoted", 1_000), new Received<>("rolled back", 1_005));
    assertThat(writer.prepareCommit()).as("nothing new: no committable").isEmpty();

    writer.write("held", null);
    assertThat(writer.prepareCommit())
        .singleElement()
        .extracting(PendingWrites::elements)
        .asList()
        .containsExactly(new Received<>("held", 1_005));
  }

  @Test
  void anElementIsKeptAsTheSinkSays() {
    BufferingWriter<StringBuilder> writer =
        new BufferingWriter<>(s -> new StringBuilder(s), millis::get);
    StringBuilder reused = new StringBuilder("first");

    writer.write(reused, null);
    reused.setLength(0);
    reused.append("second");

    assertThat(writer.prepareCommit().iterator().next().elements().get(0).element())
        .hasToString("first");
  }
}
