package io.driftgate.serde;

import io.driftgate.contract.RolloutPlan;
import io.driftgate.drift.Evaluation;
import io.driftgate.gate.GateSnapshot;
import io.driftgate.gate.GateState;
import io.driftgate.gate.RoutingUpdate;
import io.driftgate.job.ControlRecord;
import io.driftgate.job.GateInput;
import io.driftgate.job.OutcomeRead;
import io.driftgate.job.RolloutController.PendingInputs;
import io.driftgate.job.SourceRecord;
import io.driftgate.job.WindowProfile;
import io.driftgate.outcome.Outcome;
import io.driftgate.outcome.RoutingHistory;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.store.VersionLocation;
import io.driftgate.wire.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The type information of every value the job keeps in state or sends between operators: each a
 * {@link VersionedSerializer} of the project's own, so no state is Java-serialized and a savepoint
 * records what it takes to check it at restore.
 */
public final class DriftgateTypes {

  public static final TypeInformation<GateState> GATE_STATE = of(new GateStateSerializer());
  public static final TypeInformation<PendingInputs> PENDING_INPUTS =
      of(new PendingInputsSerializer());
  public static final TypeInformation<WindowProfile> WINDOW_PROFILE =
      of(new WindowProfileSerializer());
  public static final TypeInformation<GateInput> GATE_INPUT = of(new GateInputSerializer());
  public static final TypeInformation<Command> COMMAND = of(new CommandSerializer());
  public static final TypeInformation<Decision> DECISION = of(new DecisionSerializer());
  public static final TypeInformation<Evaluation> EVALUATION = of(new EvaluationSerializer());
  public static final TypeInformation<RoutingUpdate> ROUTING_UPDATE =
      of(new RoutingUpdateSerializer());
  public static final TypeInformation<GateSnapshot> GATE_SNAPSHOT =
      of(new GateSnapshotSerializer());
  public static final TypeInformation<DeadLetter> DEAD_LETTER = of(new DeadLetterSerializer());
  public static final TypeInformation<RolloutPlan> ROLLOUT_PLAN = of(new RolloutPlanSerializer());
  public static final TypeInformation<ControlRecord> CONTROL_RECORD =
      of(new ControlRecordSerializer());
  public static final TypeInformation<SourceRecord> SOURCE_RECORD =
      of(new SourceRecordSerializer());
  public static final TypeInformation<VersionLocation> VERSION_LOCATION =
      of(new VersionLocationSerializer());
  public static final TypeInformation<Outcome> OUTCOME = of(new OutcomeSerializer());
  public static final TypeInformation<OutcomeRead> OUTCOME_READ = of(new OutcomeReadSerializer());
  public static final TypeInformation<RoutingHistory> ROUTING_HISTORY =
      of(new RoutingHistorySerializer());

  private DriftgateTypes() {}

  private static <T> TypeInformation<T> of(VersionedSerializer<T> serializer) {
    return new VersionedTypeInfo<>(serializer);
  }
}
