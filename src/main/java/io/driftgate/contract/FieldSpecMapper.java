package io.driftgate.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Maps one ODCS schema property, with its {@code x-driftgate} block, to a {@link FieldSpec}. */
final class FieldSpecMapper {

  private FieldSpecMapper() {}

  /**
   * @return the field, possibly incomplete when problems were recorded (the loader then discards
   *     it), or {@code null} when the property is not even a mapping
   */
  static FieldSpec map(ContractNode property) {
    if (property.isAbsent()) {
      property.problem("expected a mapping, got null");
      return null;
    }
    if (!property.isMapping()) {
      return null;
    }
    property.rejectUnknownKeys(OdcsKeys.PROPERTY);
    OdcsKeyCheck.links(property);
    ContractNode nameNode = property.require("name");
    String name = nameNode.text();
    if (name != null && name.isBlank()) {
      nameNode.problem("property name must not be blank");
    }
    LogicalType type = property.require("logicalType").choice(LogicalType.class);
    boolean required = property.get("required").bool(false);
    boolean unique = property.get("unique").bool(false);

    ContractNode options = property.get("logicalTypeOptions");
    Double minimum = null;
    Double maximum = null;
    if (options.isMapping()) {
      options.rejectUnknownKeys(OdcsKeys.LOGICAL_TYPE_OPTIONS);
      minimum = bound(options.get("minimum"), type);
      maximum = bound(options.get("maximum"), type);
      if (minimum != null && maximum != null && minimum > maximum) {
        options
            .get("minimum")
            .problem(
                "minimum "
                    + ContractNode.format(minimum)
                    + " is greater than maximum "
                    + ContractNode.format(maximum));
      }
    }

    List<String> allowedValues = allowedValues(property.get("quality"), type);

    ContractNode extension = property.get(OdcsKeys.EXTENSION);
    // A unique key's values are all new by design: no distribution to compare unless asked for.
    DriftCheck drift = unique ? DriftCheck.none() : defaultDrift(type);
    if (extension.isMapping()) {
      extension.rejectUnknownKeys("drift", "gates");
      if (!unique || extension.get("drift").isMapping()) {
        drift = DriftCheckMapper.map(extension.get("drift"), name, type);
      }
    }
    // Also without a gates block: every field's null rate is compared with the baseline's.
    GateMapper.Gates gates = GateMapper.map(extension.get("gates"), name, GateMapper.FIELD_GATES);
    return new FieldSpec(
        name,
        type,
        required,
        unique,
        minimum,
        maximum,
        allowedValues,
        drift,
        gates.bounds(),
        gates.drifts());
  }

  /** The check a field gets when its contract names none: distributions of what can have one. */
  static DriftCheck defaultDrift(LogicalType type) {
    if (type == null) {
      return DriftCheck.none();
    }
    return switch (type) {
      case INTEGER, NUMBER -> DriftCheck.defaultFor(DriftTest.KS);
      case STRING, BOOLEAN -> DriftCheck.defaultFor(DriftTest.CHI2);
      case DATE, TIMESTAMP -> DriftCheck.none();
    };
  }

  private static Double bound(ContractNode node, LogicalType type) {
    Double value = node.number();
    if (value != null && type != null && !type.isNumeric()) {
      node.problem(
          "minimum and maximum apply to integer and number fields only, not "
              + ContractNode.spelling(type));
      return null;
    }
    return value;
  }

  /**
   * The values of the property's {@code validValues} quality rule; other ODCS rules are only
   * checked for unknown keys.
   */
  private static List<String> allowedValues(ContractNode quality, LogicalType type) {
    List<String> allowed = new ArrayList<>();
    String firstRulePath = null;
    for (ContractNode rule : quality.elements()) {
      if (!rule.isMapping()) {
        continue;
      }
      OdcsKeyCheck.rule(rule);
      if (!"validValues".equals(rule.get("rule").text())) {
        continue;
      }
      if (firstRulePath != null) {
        rule.problem("duplicate validValues rule, first at " + firstRulePath);
        continue;
      }
      firstRulePath = rule.path();
      if (type != null && type != LogicalType.STRING) {
        rule.get("rule")
            .problem(
                "validValues applies to string fields only, not " + ContractNode.spelling(type));
        continue; // its values would only repeat the problem, once per value
      }
      ContractNode values = rule.require("validValues");
      List<ContractNode> elements = values.elements();
      if (elements.isEmpty() && !values.isAbsent()) {
        values.problem("expected at least one value");
      }
      Set<String> seen = new HashSet<>();
      for (ContractNode element : elements) {
        String value = element.text();
        if (value == null) {
          if (element.isAbsent()) {
            element.problem("expected a string, got null");
          }
        } else if (!seen.add(value)) {
          element.problem("duplicate value '" + value + "'");
        } else {
          allowed.add(value);
        }
      }
    }
    return allowed;
  }
}
