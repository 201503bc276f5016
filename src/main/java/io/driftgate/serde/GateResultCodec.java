package io.driftgate.serde;

import io.driftgate.drift.Evidence;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One gate's verdict and its evidence, as evaluations and decisions carry them. */
final class GateResultCodec {

  static final String SCHEMA =
      "GateResult(gate:str,field:str,verdict:enum Verdict,critical:bool,evidence:Evidence("
          + "method:str,statistic:f64,threshold:f64,margin:f64,pValue:f64,fixedSamplePValue:f64,"
          + "sketchError:f64,alpha:f64,candidateCount:long,baselineCount:long,"
          + "windowStart:instant?,windowEnd:instant?,candidateMean:f64,baselineMean:f64)?)";

  private GateResultCodec() {}

  static void write(GateResult result, DataOutputView out) throws IOException {
    BinaryValues.writeString(result.gate(), out);
    BinaryValues.writeString(result.field(), out);
    BinaryValues.writeEnum(result.verdict(), out);
    out.writeBoolean(result.critical());
    BinaryValues.writeNullable(result.evidence(), GateResultCodec::writeEvidence, out);
  }

  /** The current format. */
  static GateResult read(DataInputView in) throws IOException {
    return read(in, true);
  }

  /**
   * @param withMeans whether the evidence ends with the cohorts' means: written by the formats that
   *     carry outcome gates (Decision and Evaluation v2), not by their v1
   */
  static GateResult read(DataInputView in, boolean withMeans) throws IOException {
    return new GateResult(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        BinaryValues.readEnum(Verdict.class, in),
        in.readBoolean(),
        BinaryValues.readNullable(input -> readEvidence(input, withMeans), in));
  }

  private static void writeEvidence(Evidence evidence, DataOutputView out) throws IOException {
    BinaryValues.writeString(evidence.method(), out);
    BinaryValues.writeDouble(evidence.statistic(), out);
    BinaryValues.writeDouble(evidence.threshold(), out);
    BinaryValues.writeDouble(evidence.margin(), out);
    BinaryValues.writeDouble(evidence.pValue(), out);
    BinaryValues.writeDouble(evidence.fixedSamplePValue(), out);
    BinaryValues.writeDouble(evidence.sketchError(), out);
    BinaryValues.writeDouble(evidence.alpha(), out);
    out.writeLong(evidence.candidateCount());
    out.writeLong(evidence.baselineCount());
    BinaryValues.writeInstant(evidence.windowStart(), out);
    BinaryValues.writeInstant(evidence.windowEnd(), out);
    BinaryValues.writeDouble(evidence.candidateMean(), out);
    BinaryValues.writeDouble(evidence.baselineMean(), out);
  }

  private static Evidence readEvidence(DataInputView in, boolean withMeans) throws IOException {
    return new Evidence(
        BinaryValues.readString(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        BinaryValues.readDouble(in),
        in.readLong(),
        in.readLong(),
        BinaryValues.readInstant(in),
        BinaryValues.readInstant(in),
        withMeans ? BinaryValues.readDouble(in) : Double.NaN,
        withMeans ? BinaryValues.readDouble(in) : Double.NaN);
  }
}
