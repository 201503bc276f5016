package io.driftgate.demo;

import java.io.PrintStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Prints each element as one line to standard output (or nothing, when the format returns {@code
 * null}): the demo's notification channel.
 */
final class ConsoleSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final SerializableFunction<T, String> format;

  ConsoleSink(SerializableFunction<T, String> format) {
    this.format = format;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    PrintStream out = System.out;
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        String line = format.apply(element);
        if (line != null) {
          out.println(line);
        }
      }

      @Override
      public void flush(boolean endOfInput) {
        out.flush();
      }

      @Override
      public void close() {}
    };
  }
}
