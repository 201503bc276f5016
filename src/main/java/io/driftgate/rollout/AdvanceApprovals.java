package io.driftgate.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approvals given during a rollout for stages it has not reached yet, each applied the moment its
 * stage awaits approval. At most one per stage (a second is refused), so the memory is bounded by
 * the plan's length.
 *
 * @param approvals in the order they were given
 */
public record AdvanceApprovals(List<Command.Approve> approvals) implements java.io.Serializable {

  public static final AdvanceApprovals NONE = new AdvanceApprovals(List.of());

  public AdvanceApprovals {
    approvals = List.copyOf(approvals);
  }

  public Optional<Command.Approve> forStage(int stageIndex) {
    return approvals.stream().filter(a -> a.stageIndex() == stageIndex).findFirst();
  }

  AdvanceApprovals plus(Command.Approve approval) {
    List<Command.Approve> next = new ArrayList<>(approvals);
    next.add(approval);
    return new AdvanceApprovals(next);
  }

  AdvanceApprovals without(int stageIndex) {
    return new AdvanceApprovals(
        approvals.stream().filter(a -> a.stageIndex() != stageIndex).toList());
  }
}
