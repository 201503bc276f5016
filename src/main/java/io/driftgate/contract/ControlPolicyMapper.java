package io.driftgate.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps {@code x-driftgate.control} to a {@link ControlPolicy}; absent, it is the default. */
final class ControlPolicyMapper {

  static final String ANYONE = "*";
  private static final String DEFAULT_STAGES = "default";
  private static final List<String> PLAN_LIMITS =
      List.of(
          "minStages",
          "maxFirstExposure",
          "minStageDuration",
          "minStageSamples",
          "minRollbackWindow");

  private ControlPolicyMapper() {}

  /**
   * @return the policy, meaningful only when no problem was recorded
   */
  static ControlPolicy map(ContractNode control) {
    if (!control.isMapping()) {
      return ControlPolicy.DEFAULT;
    }
    control.rejectUnknownKeys("fourEyes", "allow", "commandPlans");
    boolean fourEyes = control.get("fourEyes").bool(true);
    PlanPolicy commandPlans = commandPlans(control.get("commandPlans"));
    ContractNode allowNode = control.get("allow");
    if (!allowNode.isMapping()) {
      return new ControlPolicy(fourEyes, false, Map.of(), Map.of(), commandPlans);
    }
    allowNode.rejectUnknownKeys(
        Arrays.stream(ControlAction.values()).map(ControlAction::spelling).toList());
    Map<ControlAction, Actors> allow = new EnumMap<>(ControlAction.class);
    Map<Integer, Actors> approveByStage = new LinkedHashMap<>();
    for (ControlAction action : ControlAction.values()) {
      ContractNode rule = allowNode.get(action.spelling());
      if (!allowNode.keys().contains(action.spelling())) {
        continue;
      }
      if (action == ControlAction.APPROVE && rule.holdsMapping()) {
        Actors everyStage = byStage(rule, approveByStage);
        if (everyStage != null) {
          allow.put(action, everyStage);
        }
      } else {
        allow.put(action, actors(rule));
      }
    }
    return new ControlPolicy(fourEyes, true, allow, approveByStage, commandPlans);
  }

  /**
   * Reads {@code approve: { default: [...], 3: [...] }} into {@code byStage}.
   *
   * @return the {@code default} rule, or {@code null} when there is none
   */
  private static Actors byStage(ContractNode rule, Map<Integer, Actors> byStage) {
    Actors everyStage = null;
    for (String key : rule.keys()) {
      ContractNode actorsNode = rule.get(key);
      if (key.equals(DEFAULT_STAGES)) {
        everyStage = actors(actorsNode);
        continue;
      }
      Integer number = stageNumber(key);
      if (number == null) {
        actorsNode.problem(
            ClosestKey.to(key, List.of(DEFAULT_STAGES))
                .map(closest -> "unknown key '" + key + "', did you mean '" + closest + "'?")
                .orElseGet(
                    () ->
                        "unknown key '"
                            + key
                            + "', expected 'default' or a stage number counted from 1"));
        continue;
      }
      Actors actors = actors(actorsNode);
      if (byStage.putIfAbsent(number, actors) != null) {
        actorsNode.problem("stage " + number + " is given twice");
      }
    }
    return everyStage;
  }

  private static Integer stageNumber(String key) {
    if (key.isEmpty() || !key.chars().allMatch(Character::isDigit) || key.length() > 9) {
      return null;
    }
    int number = Integer.parseInt(key);
    return number >= 1 ? number : null;
  }

  /** A sequence of actor names, {@code "*"} for any authenticated actor, {@code []} for nobody. */
  private static Actors actors(ContractNode rule) {
    if (rule.isAbsent()) {
      rule.problem(
          "expected a sequence of actors, got nothing; write [] to allow it to nobody,"
              + " [\"*\"] to anyone");
      return Actors.NOBODY;
    }
    boolean anyone = false;
    Set<String> names = new LinkedHashSet<>();
    for (ContractNode element : rule.elements()) {
      if (element.isAbsent()) {
        element.problem("expected an actor name, got nothing");
        continue;
      }
      String name = element.text();
      if (name == null) {
        continue;
      }
      if (name.isBlank()) {
        element.problem("an actor name must not be blank");
      } else if (name.equals(ANYONE)) {
        anyone = true;
      } else if (!names.add(name)) {
        element.problem("actor '" + name + "' is listed twice");
      }
    }
    return anyone ? Actors.ANYONE : new Actors(false, new ArrayList<>(names));
  }

  private static PlanPolicy commandPlans(ContractNode node) {
    if (!node.isMapping()) {
      return PlanPolicy.UNLIMITED;
    }
    List<String> known = new ArrayList<>(List.of("allowed"));
    known.addAll(PLAN_LIMITS);
    node.rejectUnknownKeys(known);
    boolean allowed = node.get("allowed").bool(true);
    if (!allowed) {
      for (String limit : PLAN_LIMITS) {
        if (node.keys().contains(limit)) {
          node.get(limit)
              .problem(limit + " has no effect with allowed: false, since no command plan may run");
        }
      }
      return PlanPolicy.forbidden();
    }
    PlanPolicy none = PlanPolicy.UNLIMITED;
    int minStages = (int) atLeast(node.get("minStages"), "minStages", 1, none.minStages());
    BigDecimal maxFirst =
        RolloutPlanMapper.exposure(node.get("maxFirstExposure"), "maxFirstExposure");
    int maxFirstBasisPoints =
        maxFirst == null
            ? none.maxFirstExposureBasisPoints()
            : maxFirst.movePointRight(2).intValueExact();
    Duration minStageDuration = node.get("minStageDuration").duration();
    long minStageSamples =
        atLeast(node.get("minStageSamples"), "minStageSamples", 0, none.minStageSamples());
    int minRollbackWindow =
        (int)
            atLeast(
                node.get("minRollbackWindow"), "minRollbackWindow", 1, none.minRollbackWindow());
    return new PlanPolicy(
        true,
        minStages,
        maxFirstBasisPoints,
        minStageDuration == null ? none.minStageDuration() : minStageDuration,
        minStageSamples,
        minRollbackWindow);
  }

  /** A count of at least {@code least}, at most {@link Integer#MAX_VALUE}. */
  private static long atLeast(ContractNode node, String key, int least, long absent) {
    Long value = node.integer();
    if (value == null) {
      return absent;
    }
    if (value < least) {
      node.problem(key + " " + value + " must be at least " + least);
      return absent;
    }
    if (value > Integer.MAX_VALUE) {
      node.problem(key + " " + value + " must be at most " + Integer.MAX_VALUE);
      return absent;
    }
    return value;
  }
}
