package io.driftgate.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a contract document to a {@link DataContract}: the ODCS envelope and schema, the
 * dataset-wide {@code x-driftgate} block, and the checks that span both.
 */
final class ContractMapper {

  private ContractMapper() {}

  /**
   * @return the contract, meaningful only when no problem was recorded
   */
  static DataContract map(ContractNode root) {
    if (root.isAbsent()) {
      root.problem("the document is empty, expected a data contract");
      return null;
    }
    if (!root.isMapping()) {
      return null;
    }
    OdcsKeyCheck.contract(root);
    ContractNode kind = root.get("kind");
    String kindText = kind.text();
    if (kindText != null && !kindText.equals("DataContract")) {
      kind.problem("expected 'DataContract', got '" + kindText + "'");
    }
    ContractNode nameNode = root.require("name");
    String dataset = nameNode.text();
    if (dataset != null && dataset.isBlank()) {
      nameNode.problem("name must not be blank");
    }
    String version = root.require("version").scalarText();
    List<FieldSpec> fields = fields(root.require("schema"));

    ContractNode extension = root.require("x-driftgate");
    if (!extension.isMapping()) {
      return null;
    }
    extension.rejectUnknownKeys(
        "closed",
        "falseRollbackRate",
        "gates",
        "freshness",
        "rollout",
        "control",
        "preflight",
        "outcomes");
    boolean closed = extension.get("closed").bool(false);
    double falseRollbackRate = falseRollbackRate(extension.get("falseRollbackRate"));
    ContractNode freshnessNode = extension.get("freshness");
    Freshness freshness = freshness(freshnessNode);
    ContractNode gatesNode = extension.get("gates");
    GateMapper.Gates gates = GateMapper.map(gatesNode, null, GateMapper.DATASET_GATES);
    ContractNode duplicateRate = gatesNode.get("duplicateRate");
    if (!duplicateRate.isAbsent() && fields.stream().noneMatch(FieldSpec::unique)) {
      duplicateRate.problem("needs at least one property with unique: true");
    }
    ContractNode staleRate = gatesNode.get("staleRate");
    if (!staleRate.isAbsent() && freshnessNode.isAbsent()) {
      staleRate.problem("needs x-driftgate.freshness to say when a record is stale");
    }
    RolloutPlan plan = RolloutPlanMapper.map(extension.require("rollout"));
    ControlPolicy control = ControlPolicyMapper.map(extension.get("control"));
    long preflightSamples = preflightSamples(extension.get("preflight"));
    List<OutcomeGate> outcomes = OutcomeGateMapper.map(extension.get("outcomes"));
    return new DataContract(
        dataset,
        version,
        closed,
        fields,
        gates.bounds(),
        gates.drifts(),
        freshness,
        plan,
        falseRollbackRate,
        control,
        preflightSamples,
        outcomes);
  }

  /**
   * {@code x-driftgate.preflight.minSamples}: the candidate records a streamed candidate must show
   * before stage 1; 0 when the contract asks for none.
   */
  private static long preflightSamples(ContractNode preflight) {
    if (!preflight.isMapping()) {
      return 0;
    }
    preflight.rejectUnknownKeys("minSamples");
    ContractNode node = preflight.require("minSamples");
    Long samples = node.integer();
    if (samples != null && samples < 1) {
      node.problem("minSamples " + samples + " must be at least 1; leave preflight out for none");
      return 0;
    }
    return samples == null ? 0 : samples;
  }

  /** The properties of the schema's one object: a contract governs exactly one dataset. */
  private static List<FieldSpec> fields(ContractNode schema) {
    List<ContractNode> objects = schema.elements();
    if (objects.size() != 1) {
      if (!schema.isAbsent()) {
        schema.problem("expected exactly one object, got " + objects.size());
      }
      return List.of();
    }
    ContractNode object = objects.get(0);
    if (!object.isMapping()) {
      return List.of();
    }
    object.rejectUnknownKeys(OdcsKeys.SCHEMA_OBJECT);
    OdcsKeyCheck.links(object);
    OdcsKeyCheck.quality(object.get("quality"));
    ContractNode objectType = object.get("logicalType");
    String objectTypeText = objectType.text();
    if (objectTypeText != null && !objectTypeText.equals("object")) {
      objectType.problem("expected 'object', got '" + objectTypeText + "'");
    }
    ContractNode properties = object.require("properties");
    List<ContractNode> propertyNodes = properties.elements();
    if (propertyNodes.isEmpty() && !properties.isAbsent()) {
      properties.problem("expected at least one property");
    }
    List<FieldSpec> fields = new ArrayList<>();
    Map<String, String> firstPathByName = new HashMap<>();
    for (ContractNode property : propertyNodes) {
      FieldSpec field = FieldSpecMapper.map(property);
      if (field == null) {
        continue;
      }
      fields.add(field);
      if (field.name() != null) {
        String first = firstPathByName.putIfAbsent(field.name(), property.path());
        if (first != null) {
          property
              .get("name")
              .problem("duplicate property name '" + field.name() + "', first at " + first);
        }
      }
    }
    return fields;
  }

  private static double falseRollbackRate(ContractNode node) {
    Double rate = node.number();
    if (rate == null) {
      return DataContract.DEFAULT_FALSE_ROLLBACK_RATE;
    }
    if (rate <= 0 || rate > 0.5) {
      node.problem("falseRollbackRate " + ContractNode.format(rate) + " must be in (0, 0.5]");
    }
    return rate;
  }

  private static Freshness freshness(ContractNode node) {
    if (!node.isMapping()) {
      return null;
    }
    node.rejectUnknownKeys("maxLag");
    ContractNode maxLagNode = node.require("maxLag");
    Duration maxLag = maxLagNode.duration();
    if (maxLag == null) {
      return null;
    }
    if (maxLag.isZero()) {
      maxLagNode.problem("maxLag must be positive: with PT0S every record would be stale");
      return null;
    }
    return new Freshness(maxLag);
  }
}
