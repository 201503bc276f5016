package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A misspelt key, standard or driftgate's own, fails the load with the file, the key's path and the
 * key the author probably meant: loaded silently it would leave the contract weaker than written
 * ({@code requried} would make the field optional, {@code minumum} drop its range).
 */
class UnknownKeysTest {

  @Test
  void misspeltRequired() {
    assertOnlyProblem(
        "misspelt-required.yaml",
        "schema[0].properties[2].requried",
        "unknown key 'requried', did you mean 'required'?");
  }

  @Test
  void misspeltMinimum() {
    assertOnlyProblem(
        "misspelt-minimum.yaml",
        "schema[0].properties[1].logicalTypeOptions.minumum",
        "unknown key 'minumum', did you mean 'minimum'?");
  }

  @Test
  void misspeltQuality() {
    assertOnlyProblem(
        "misspelt-quality.yaml",
        "schema[0].properties[2].qualty",
        "unknown key 'qualty', did you mean 'quality'?");
  }

  @Test
  void unknownKeyAtTheTopLevel() {
    assertOnlyProblem(
        "unknown-top-level-key.yaml",
        "dataProdcut",
        "unknown key 'dataProdcut', did you mean 'dataProduct'?");
  }

  @Test
  void unknownKeyFarFromAnyListsTheKnownOnes() {
    ContractException e = reject("unknown-key-far-from-any.yaml");

    assertThat(e.problems()).hasSize(1);
    assertThat(e.path()).isEqualTo("owner");
    assertThat(e.problem())
        .startsWith("unknown key 'owner', expected one of: apiVersion, kind, id, name, version,")
        .endsWith(", contractCreatedTs, x-driftgate");
  }

  @Test
  void unknownKeyInAQualityRule() {
    assertOnlyProblem(
        "unknown-key-in-quality-rule.yaml",
        "schema[0].properties[2].quality[0].severty",
        "unknown key 'severty', did you mean 'severity'?");
  }

  @Test
  void unknownKeyInARolloutStage() {
    assertOnlyProblem(
        "unknown-key-in-rollout-stage.yaml",
        "x-driftgate.rollout.stages[0].aproval",
        "unknown key 'aproval', did you mean 'approval'?");
  }

  @Test
  void unknownKeyInACustomProperty() {
    assertOnlyProblem(
        "unknown-key-in-custom-property.yaml",
        "customProperties[0].vaule",
        "unknown key 'vaule', did you mean 'value'?");
  }

  @Test
  void unknownKeyInTheDriftgateExtension() {
    assertOnlyProblem(
        "unknown-key-in-extension.yaml",
        "x-driftgate.falseRollbackRte",
        "unknown key 'falseRollbackRte', did you mean 'falseRollbackRate'?");
  }

  @Test
  void unknownKeyInTheControlPolicy() {
    assertOnlyProblem(
        "unknown-key-in-control.yaml",
        "x-driftgate.control.commandPlans.maxFirstExposre",
        "unknown key 'maxFirstExposre', did you mean 'maxFirstExposure'?");
  }

  @Test
  void unknownKeyInAPartDriftgateDoesNotRead() {
    assertOnlyProblem(
        "unknown-key-in-server.yaml",
        "servers[0].hots",
        "unknown key 'hots', did you mean 'host'?");
  }

  @Test
  void everyStandardPartMayBeWritten() {
    String yaml =
        """
        apiVersion: v3.0.2
        kind: DataContract
        id: full
        name: features.full
        version: 1.0.0
        status: active
        tenant: acme
        domain: features
        dataProduct: profiles
        description:
          usage: scoring
          purpose: features for the scoring model
          limitations: none
          authoritativeDefinitions: [ { url: 'https://example.org/def', type: businessDefinition } ]
          customProperties: [ { property: owner, value: team-features } ]
        tags: [ features ]
        servers:
          - server: local
            type: kafka
            host: localhost
            format: json
            roles: [ { role: reader, access: read } ]
        support: [ { channel: features, url: 'https://example.org/chat', tool: slack } ]
        price: { priceAmount: 1, priceCurrency: EUR, priceUnit: megabyte }
        team: [ { username: ann, role: owner, dateIn: '2024-01-01' } ]
        roles: [ { role: writer, access: write, firstLevelApprovers: ann } ]
        slaDefaultElement: created_at
        slaProperties: [ { property: latency, value: 4, unit: h } ]
        authoritativeDefinitions: [ { url: 'https://example.org/contract', type: canonicalUrl } ]
        customProperties: [ { property: tier, value: { any: [ thing ] } } ]
        contractCreatedTs: '2024-01-01T00:00:00Z'
        schema:
          - name: profiles
            physicalName: profiles_v1
            physicalType: table
            businessName: Profiles
            description: one row per customer
            logicalType: object
            dataGranularityDescription: customer
            quality: [ { type: sql, query: 'select 1', mustBe: 1 } ]
            properties:
              - name: age
                businessName: Age
                logicalType: integer
                physicalType: int
                required: true
                primaryKey: false
                classification: internal
                criticalDataElement: true
                examples: [ 42 ]
                logicalTypeOptions: { minimum: 0, maximum: 150, multipleOf: 1 }
                quality:
                  - { type: library, rule: nullCheck, mustBe: 0, dimension: completeness }
                customProperties: [ { property: pii, value: false } ]
        x-driftgate:
          rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }
        """;

    assertThat(ContractLoader.load(yaml, "full.yaml").fields()).hasSize(1);
  }

  @Test
  void closestKeyCountsASwapAsOneEdit() {
    assertThat(ClosestKey.distance("requried", "required")).isEqualTo(1);
    assertThat(ClosestKey.distance("qualty", "quality")).isEqualTo(1);
  }

  private static void assertOnlyProblem(String file, String path, String problem) {
    ContractException e = reject(file);

    assertThat(e.problems()).containsExactly(new ContractProblem(path, problem));
    assertThat(e.getMessage()).isEqualTo(e.source() + ": " + path + ": " + problem);
  }

  private static ContractException reject(String file) {
    Path path = Contracts.broken(file);
    ContractException e =
        catchThrowableOfType(ContractException.class, () -> ContractLoader.load(path));
    assertThat(e).as("%s must be rejected", file).isNotNull();
    assertThat(e.source()).isEqualTo(path.toString()).endsWith(file);
    return e;
  }
}
