package io.driftgate.serde;

import io.driftgate.drift.Evaluation;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Drift evaluations from the controller to the drift-result sinks. */
public final class EvaluationSerializer extends VersionedSerializer<Evaluation> {

  private static final long serialVersionUID = 1L;

  public EvaluationSerializer() {
    super(Evaluation.class, "driftgate.Evaluation", 2, EvaluationCodec.SCHEMA);
  }

  @Override
  protected void write(Evaluation value, DataOutputView out) throws IOException {
    EvaluationCodec.write(value, out);
  }

  @Override
  protected Evaluation read(DataInputView in, int version) throws IOException {
    return EvaluationCodec.read(in, version);
  }

  @Override
  public Snapshot snapshotConfiguration() {
    return new Snapshot();
  }

  /** Found by its class name in a savepoint. */
  public static final class Snapshot extends VersionedSnapshot<Evaluation> {
    public Snapshot() {
      super(new EvaluationSerializer());
    }
  }
}
