package io.driftgate.serde;

import io.driftgate.drift.Evaluation;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A window's drift evaluation, on its way to the drift-result sinks. */
final class EvaluationCodec {

  static final String SCHEMA =
      "Evaluation(dataset:str,candidateVersion:str,baselineVersion:str,windowStart:instant?,"
          + "windowEnd:instant?,candidateCount:long,baselineCount:long,results:list<"
          + GateResultCodec.SCHEMA
          + ">)";

  private EvaluationCodec() {}

  static void write(Evaluation evaluation, DataOutputView out) throws IOException {
    BinaryValues.writeString(evaluation.dataset(), out);
    BinaryValues.writeString(evaluation.candidateVersion(), out);
    BinaryValues.writeString(evaluation.baselineVersion(), out);
    BinaryValues.writeInstant(evaluation.windowStart(), out);
    BinaryValues.writeInstant(evaluation.windowEnd(), out);
    out.writeLong(evaluation.candidateCount());
    out.writeLong(evaluation.baselineCount());
    BinaryValues.writeList(evaluation.results(), GateResultCodec::write, out);
  }

  /**
   * @param version 1 wrote evidence without the cohorts' means
   */
  static Evaluation read(DataInputView in, int version) throws IOException {
    return new Evaluation(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readInstant(in),
        BinaryValues.readInstant(in),
        in.readLong(),
        in.readLong(),
        BinaryValues.readList(input -> GateResultCodec.read(input, version >= 2), in));
  }
}
