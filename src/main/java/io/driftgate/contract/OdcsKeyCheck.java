package io.driftgate.contract;

import java.util.List;

/**
 * Checks the keys of the standard's parts, including those driftgate reads nothing from (servers,
 * team, support, ...): an unknown key anywhere is a typo or a feature driftgate does not have, and
 * either way the author should hear of it at load time rather than find the contract weaker later.
 */
final class OdcsKeyCheck {

  private OdcsKeyCheck() {}

  /** The top level and the parts of it that no mapper reads. */
  static void contract(ContractNode root) {
    root.rejectUnknownKeys(OdcsKeys.CONTRACT);
    ContractNode description = root.get("description");
    if (description.isMapping()) {
      description.rejectUnknownKeys(OdcsKeys.DESCRIPTION);
      links(description);
    }
    for (ContractNode server : mappings(root.get("servers"))) {
      server.rejectUnknownKeys(OdcsKeys.SERVER);
      roles(server.get("roles"));
      customProperties(server.get("customProperties"));
    }
    for (ContractNode channel : mappings(root.get("support"))) {
      channel.rejectUnknownKeys(OdcsKeys.SUPPORT_CHANNEL);
    }
    ContractNode price = root.get("price");
    if (price.isMapping()) {
      price.rejectUnknownKeys(OdcsKeys.PRICE);
    }
    for (ContractNode member : mappings(root.get("team"))) {
      member.rejectUnknownKeys(OdcsKeys.TEAM_MEMBER);
    }
    roles(root.get("roles"));
    for (ContractNode sla : mappings(root.get("slaProperties"))) {
      sla.rejectUnknownKeys(OdcsKeys.SLA_PROPERTY);
    }
    links(root);
  }

  /** A schema object's {@code quality} rules, which no mapper reads. */
  static void quality(ContractNode quality) {
    for (ContractNode rule : mappings(quality)) {
      rule(rule);
    }
  }

  /** One quality rule, of a schema object or of a property. */
  static void rule(ContractNode rule) {
    rule.rejectUnknownKeys(OdcsKeys.QUALITY_RULE);
    links(rule);
  }

  /** The {@code authoritativeDefinitions} and {@code customProperties} most parts may carry. */
  static void links(ContractNode element) {
    for (ContractNode definition : mappings(element.get("authoritativeDefinitions"))) {
      definition.rejectUnknownKeys(OdcsKeys.AUTHORITATIVE_DEFINITION);
    }
    customProperties(element.get("customProperties"));
  }

  private static void customProperties(ContractNode customProperties) {
    for (ContractNode property : mappings(customProperties)) {
      property.rejectUnknownKeys(OdcsKeys.CUSTOM_PROPERTY);
    }
  }

  private static void roles(ContractNode roles) {
    for (ContractNode role : mappings(roles)) {
      role.rejectUnknownKeys(OdcsKeys.ROLE);
      customProperties(role.get("customProperties"));
    }
  }

  /**
   * The elements that are mappings; others are recorded as problems by {@link
   * ContractNode#isMapping}.
   */
  private static List<ContractNode> mappings(ContractNode sequence) {
    return sequence.elements().stream().filter(ContractNode::isMapping).toList();
  }
}
