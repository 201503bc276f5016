package io.driftgate.serde;

import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A rollout plan, as a start command and a rollout's status carry it. */
final class RolloutPlanCodec {

  static final String SCHEMA =
      "RolloutPlan(stages:list<Stage(exposureBasisPoints:int,minDuration:duration?,"
          + "minSamplesPerSide:long,approvalRequired:bool,maxDuration:duration?)>,"
          + "rollbackWindow:int,onDeadline:enum DeadlineAction)";

  private RolloutPlanCodec() {}

  static void write(RolloutPlan plan, DataOutputView out) throws IOException {
    BinaryValues.writeList(plan.stages(), RolloutPlanCodec::writeStage, out);
    out.writeInt(plan.rollbackWindow());
    BinaryValues.writeEnum(plan.onDeadline(), out);
  }

  static RolloutPlan read(DataInputView in) throws IOException {
    return new RolloutPlan(
        BinaryValues.readList(RolloutPlanCodec::readStage, in),
        in.readInt(),
        BinaryValues.readEnum(DeadlineAction.class, in));
  }

  private static void writeStage(Stage stage, DataOutputView out) throws IOException {
    out.writeInt(stage.exposureBasisPoints());
    BinaryValues.writeDuration(stage.minDuration(), out);
    out.writeLong(stage.minSamplesPerSide());
    out.writeBoolean(stage.approvalRequired());
    BinaryValues.writeDuration(stage.maxDuration(), out);
  }

  private static Stage readStage(DataInputView in) throws IOException {
    return new Stage(
        in.readInt(),
        BinaryValues.readDuration(in),
        in.readLong(),
        in.readBoolean(),
        BinaryValues.readDuration(in));
  }
}
