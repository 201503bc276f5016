package io.driftgate.serde;

import io.driftgate.outcome.OutcomeDistributions;
import io.driftgate.outcome.OutcomeDistributions.Distribution;
import io.driftgate.profile.NumericSummary;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The {@code ks} outcome gates' values and bets. The summaries are written in their canonical form
 * (the profiles'), so a restored gate holds the same multiset and bets exactly where it stopped.
 * The summaries' bin count is written first, so state saved under other settings is refused rather
 * than misread.
 */
final class OutcomeDistributionsCodec {

  static final String SCHEMA =
      "OutcomeDistributions(numericBins:int,distributions:list<Distribution(metric:str,"
          + "exposed:NumericSummary,control:NumericSummary)>,bets:"
          + WindowBetsCodec.SCHEMA
          + ")";

  private OutcomeDistributionsCodec() {}

  static void write(OutcomeDistributions distributions, DataOutputView out) throws IOException {
    out.writeInt(OutcomeDistributions.SETTINGS.numericBins());
    BinaryValues.writeList(
        distributions.distributions(), OutcomeDistributionsCodec::writeDistribution, out);
    WindowBetsCodec.write(distributions.bets(), out);
  }

  static OutcomeDistributions read(DataInputView in) throws IOException {
    int bins = in.readInt();
    if (bins != OutcomeDistributions.SETTINGS.numericBins()) {
      throw new IOException(
          "outcome distributions were saved with "
              + bins
              + " bins, this release keeps "
              + OutcomeDistributions.SETTINGS.numericBins());
    }
    return OutcomeDistributions.of(
        BinaryValues.readList(OutcomeDistributionsCodec::readDistribution, in),
        WindowBetsCodec.read(in));
  }

  private static void writeDistribution(Distribution distribution, DataOutputView out)
      throws IOException {
    BinaryValues.writeString(distribution.metric(), out);
    distribution.exposed().writeTo(out);
    distribution.control().writeTo(out);
  }

  private static Distribution readDistribution(DataInputView in) throws IOException {
    return new Distribution(
        BinaryValues.readString(in),
        NumericSummary.readFrom(in, OutcomeDistributions.SETTINGS),
        NumericSummary.readFrom(in, OutcomeDistributions.SETTINGS));
  }
}
