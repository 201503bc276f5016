package io.driftgate.contract;

import java.util.List;
import java.util.stream.Stream;

/**
 * The keys a contract may use at each level: those the Open Data Contract Standard v3.0.2 defines
 * there (its JSON schema, {@code schema/odcs-json-schema-v3.0.2.json} of
 * bitol-io/open-data-contract-standard), plus driftgate's {@code x-driftgate} extension.
 *
 * <p>The lists are closed so that a misspelt standard key ({@code requried}, {@code minumum}) fails
 * the load instead of leaving the contract silently weaker than its author wrote it. They are in
 * the standard's order, which is the order an author reads them in an error message.
 */
final class OdcsKeys {

  /** The driftgate extension, allowed at the top level and on each schema property. */
  static final String EXTENSION = "x-driftgate";

  static final List<String> CONTRACT =
      List.of(
          "apiVersion",
          "kind",
          "id",
          "name",
          "version",
          "status",
          "tenant",
          "domain",
          "dataProduct",
          "description",
          "tags",
          "schema",
          "servers",
          "support",
          "price",
          "team",
          "roles",
          "slaDefaultElement",
          "slaProperties",
          "authoritativeDefinitions",
          "customProperties",
          "contractCreatedTs",
          EXTENSION);

  /** What the standard's SchemaElement gives both schema objects and their properties. */
  private static final List<String> SCHEMA_ELEMENT =
      List.of(
          "name",
          "physicalType",
          "description",
          "businessName",
          "authoritativeDefinitions",
          "tags",
          "customProperties");

  static final List<String> SCHEMA_OBJECT =
      concat(
          SCHEMA_ELEMENT,
          List.of(
              "logicalType",
              "physicalName",
              "dataGranularityDescription",
              "properties",
              "quality"));

  /**
   * A scalar property. The standard's {@code items} and nested {@code properties} are left out on
   * purpose: driftgate fields are flat, so a nested structure would be ignored, not checked.
   */
  static final List<String> PROPERTY =
      concat(
          SCHEMA_ELEMENT,
          List.of(
              "logicalType",
              "logicalTypeOptions",
              "physicalName",
              "required",
              "unique",
              "primaryKey",
              "primaryKeyPosition",
              "partitioned",
              "partitionKeyPosition",
              "classification",
              "encryptedName",
              "transformSourceObjects",
              "transformLogic",
              "transformDescription",
              "examples",
              "criticalDataElement",
              "quality",
              EXTENSION));

  /** The union over the standard's logical types; which option suits which type is not checked. */
  static final List<String> LOGICAL_TYPE_OPTIONS =
      List.of(
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties",
          "required");

  /**
   * A quality rule of any type (library, sql, custom). {@code validValues} is the argument of the
   * library rule of that name, the one rule driftgate enforces.
   */
  static final List<String> QUALITY_RULE =
      List.of(
          "name",
          "description",
          "type",
          "rule",
          "validValues",
          "mustBe",
          "mustNotBe",
          "mustBeGreaterThan",
          "mustBeGreaterOrEqualTo",
          "mustBeLessThan",
          "mustBeLessOrEqualTo",
          "mustBeBetween",
          "mustNotBeBetween",
          "query",
          "engine",
          "implementation",
          "unit",
          "dimension",
          "method",
          "severity",
          "businessImpact",
          "schedule",
          "scheduler",
          "tags",
          "authoritativeDefinitions",
          "customProperties");

  /** The union over the standard's server types, whose connection keys differ. */
  static final List<String> SERVER =
      List.of(
          "server",
          "type",
          "description",
          "environment",
          "roles",
          "customProperties",
          "location",
          "host",
          "port",
          "database",
          "schema",
          "catalog",
          "dataset",
          "project",
          "account",
          "warehouse",
          "serviceName",
          "endpointUrl",
          "region",
          "regionName",
          "stagingDir",
          "path",
          "format",
          "delimiter");

  static final List<String> DESCRIPTION =
      List.of("usage", "purpose", "limitations", "authoritativeDefinitions", "customProperties");

  static final List<String> SUPPORT_CHANNEL =
      List.of("channel", "url", "description", "tool", "scope", "invitationUrl");

  static final List<String> PRICE = List.of("priceAmount", "priceCurrency", "priceUnit");

  static final List<String> TEAM_MEMBER =
      List.of("username", "name", "description", "role", "dateIn", "dateOut", "replacedByUsername");

  static final List<String> ROLE =
      List.of(
          "role",
          "description",
          "access",
          "firstLevelApprovers",
          "secondLevelApprovers",
          "customProperties");

  static final List<String> SLA_PROPERTY =
      List.of("property", "value", "valueExt", "unit", "element", "driver");

  static final List<String> AUTHORITATIVE_DEFINITION = List.of("url", "type");

  /** A custom property's {@code value} may be anything, so it is not looked into. */
  static final List<String> CUSTOM_PROPERTY = List.of("property", "value");

  private OdcsKeys() {}

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).distinct().toList();
  }
}
