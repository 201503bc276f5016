package io.driftgate.serde;

import io.driftgate.drift.WindowBets;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The rollout's window bets: each gate's log products, bit for bit, in gate-name order. */
final class WindowBetsCodec {

  static final String SCHEMA = "WindowBets(logProducts:map<str,list<f64>> by key)";

  private WindowBetsCodec() {}

  static void write(WindowBets bets, DataOutputView out) throws IOException {
    SortedMap<String, double[]> products = bets.logProducts();
    out.writeInt(products.size());
    for (Map.Entry<String, double[]> gate : products.entrySet()) {
      BinaryValues.writeString(gate.getKey(), out);
      out.writeInt(gate.getValue().length);
      for (double product : gate.getValue()) {
        BinaryValues.writeDouble(product, out);
      }
    }
  }

  static WindowBets read(DataInputView in) throws IOException {
    int gates = in.readInt();
    SortedMap<String, double[]> products = new TreeMap<>();
    for (int g = 0; g < gates; g++) {
      String gate = BinaryValues.readString(in);
      double[] values = new double[in.readInt()];
      for (int i = 0; i < values.length; i++) {
        values[i] = BinaryValues.readDouble(in);
      }
      products.put(gate, values);
    }
    return WindowBets.of(products);
  }
}
