package io.driftgate.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rollout plan written outside a contract, e.g. in a start command, with exactly the rules
 * of the contract's {@code x-driftgate.rollout} block, so an operator cannot start a rollout with a
 * plan no contract would accept.
 */
public final class RolloutPlans {

  private RolloutPlans() {}

  /**
   * @param rollout a mapping shaped like {@code x-driftgate.rollout}, from JSON or YAML
   * @param source names the plan in the exception, e.g. {@code command c-17}
   * @throws ContractException with every problem, paths relative to the plan
   */
  public static RolloutPlan fromTree(JsonNode rollout, String source) {
    List<ContractProblem> problems = new ArrayList<>();
    ContractNode root = ContractNode.root(rollout, problems);
    if (root.isAbsent()) {
      root.problem("expected a rollout plan, got nothing");
    }
    RolloutPlan plan = RolloutPlanMapper.map(root);
    if (!problems.isEmpty()) {
      throw new ContractException(source, problems);
    }
    return plan;
  }
}
