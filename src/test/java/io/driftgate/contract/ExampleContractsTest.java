package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped example contracts load, and say what their comments claim. */
class ExampleContractsTest {

  @Test
  void everyExampleLoads() throws IOException {
    try (Stream<Path> files = Files.list(Contracts.repo().resolve("contracts"))) {
      List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).toList();

      assertThat(yamls).hasSizeGreaterThanOrEqualTo(2);
      yamls.forEach(ContractLoader::load);
    }
  }

  @Test
  void customerProfile() {
    DataContract contract =
        ContractLoader.load(Contracts.example("features.customer_profile.yaml"));

    assertThat(contract.dataset()).isEqualTo("features.customer_profile");
    assertThat(contract.version()).isEqualTo("2.0.0");
    assertThat(contract.closed()).isTrue();
    assertThat(contract.falseRollbackRate()).isEqualTo(0.01);
    assertThat(contract.freshness()).isEqualTo(new Freshness(Duration.ofMinutes(15)));
    assertThat(contract.fields())
        .extracting(FieldSpec::name)
        .containsExactly(
            "customer_id",
            "age",
            "income",
            "segment",
            "country",
            "churn_score",
            "signup_date",
            "is_active");
    assertThat(contract.field("customer_id"))
        .contains(
            new FieldSpec(
                "customer_id",
                LogicalType.STRING,
                true,
                true,
                null,
                null,
                List.of(),
                DriftCheck.none(), // unique keys get no drift check by default
                List.of(),
                // but every field's null rate is compared with the baseline's by default
                List.of(new RateDriftGate(QualityMetric.NULL_RATE, "customer_id", 0.02, false))));
    assertThat(contract.field("age"))
        .contains(
            new FieldSpec(
                "age",
                LogicalType.INTEGER,
                true,
                false,
                0.0,
                130.0,
                List.of(),
                new DriftCheck(DriftTest.KS, 0.03, false),
                List.of(
                    new QualityGate(QualityMetric.NULL_RATE, "age", 0.01, false),
                    new QualityGate(QualityMetric.VIOLATION_RATE, "age", 0.02, true)),
                // a field's violation rate is compared only when asked for
                List.of(new RateDriftGate(QualityMetric.NULL_RATE, "age", 0.02, false))));
    assertThat(contract.field("income").orElseThrow())
        .returns(0.0, FieldSpec::minimum)
        .returns(null, FieldSpec::maximum)
        .returns(new DriftCheck(DriftTest.KS, 0.05, false), FieldSpec::drift);
    assertThat(contract.field("segment").orElseThrow())
        .returns(List.of("bronze", "silver", "gold", "platinum"), FieldSpec::allowedValues)
        .returns(DriftCheck.defaultFor(DriftTest.CHI2), FieldSpec::drift);
    assertThat(contract.field("country").orElseThrow().drift())
        .isEqualTo(new DriftCheck(DriftTest.PSI, 0.1, false));
    assertThat(contract.field("churn_score").orElseThrow())
        .returns(0.0, FieldSpec::minimum)
        .returns(1.0, FieldSpec::maximum)
        .returns(DriftCheck.defaultFor(DriftTest.KS), FieldSpec::drift)
        .returns(
            List.of(new QualityGate(QualityMetric.NULL_RATE, "churn_score", 0.02, false)),
            FieldSpec::gates);
    assertThat(contract.field("signup_date").orElseThrow().drift()).isEqualTo(DriftCheck.none());
    assertThat(contract.field("is_active").orElseThrow())
        .returns(LogicalType.BOOLEAN, FieldSpec::type)
        .returns(false, FieldSpec::required)
        .returns(DriftCheck.defaultFor(DriftTest.CHI2), FieldSpec::drift);
    assertThat(contract.gates())
        .containsExactly(
            new QualityGate(QualityMetric.VIOLATION_RATE, null, 0.02, true),
            new QualityGate(QualityMetric.DUPLICATE_RATE, null, 0.001, false),
            new QualityGate(QualityMetric.STALE_RATE, null, 0.05, false));
    // The share of violating records is compared by default, and critical like its maximum.
    assertThat(contract.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.VIOLATION_RATE, null, 0.02, true));
    assertThat(contract.plan())
        .isEqualTo(
            new RolloutPlan(
                List.of(
                    new Stage(100, Duration.ofMinutes(10), 1_000, false),
                    new Stage(500, Duration.ofMinutes(10), 5_000, false),
                    new Stage(2_500, Duration.ofMinutes(30), 20_000, true),
                    new Stage(5_000, Duration.ofMinutes(30), 50_000, false),
                    new Stage(10_000, Duration.ZERO, 0, false)),
                3));
  }

  @Test
  void paymentsTransactionsFallsBackToDefaults() {
    DataContract contract = ContractLoader.load(Contracts.example("payments.transactions.yaml"));

    assertThat(contract.dataset()).isEqualTo("payments.transactions");
    assertThat(contract.version()).isEqualTo("1.4.0");
    assertThat(contract.closed()).isFalse();
    assertThat(contract.freshness()).isNull();
    assertThat(contract.falseRollbackRate()).isEqualTo(DataContract.DEFAULT_FALSE_ROLLBACK_RATE);
    assertThat(contract.fields())
        .extracting(FieldSpec::name, FieldSpec::type, f -> f.drift().test())
        .containsExactly(
            tuple("transaction_id", LogicalType.STRING, DriftTest.NONE),
            tuple("amount", LogicalType.NUMBER, DriftTest.KS),
            tuple("currency", LogicalType.STRING, DriftTest.CHI2),
            tuple("captured_at", LogicalType.TIMESTAMP, DriftTest.NONE));
    assertThat(contract.gates())
        .containsExactly(new QualityGate(QualityMetric.DUPLICATE_RATE, null, 0.0001, true));
    assertThat(contract.fields())
        .allSatisfy(
            f ->
                assertThat(f.rateDrifts())
                    .containsExactly(
                        new RateDriftGate(QualityMetric.NULL_RATE, f.name(), 0.02, false)));
    assertThat(contract.rateDrifts())
        .containsExactly(new RateDriftGate(QualityMetric.VIOLATION_RATE, null, 0.02, false));
    assertThat(contract.plan().rollbackWindow()).isEqualTo(3);
    assertThat(contract.plan().stages())
        .extracting(Stage::exposureBasisPoints)
        .containsExactly(50, 1_000, 10_000);
  }

  @Test
  void loadsFromAStringWithTheGivenSourceName() {
    String yaml =
        """
        name: demo.minimal
        version: 1
        schema:
          - properties:
              - { name: x, logicalType: number }
        x-driftgate:
          rollout: { stages: [ { exposure: 100, minDuration: PT0S, minSamples: 0 } ] }
        """;

    DataContract contract = ContractLoader.load(yaml, "inline");

    assertThat(contract.version()).isEqualTo("1");
    assertThat(contract.fields()).singleElement().returns(LogicalType.NUMBER, FieldSpec::type);
    assertThat(
            catchThrowableOfType(
                ContractException.class, () -> ContractLoader.load("", "empty.yaml")))
        .hasMessage("empty.yaml: the document is empty, expected a data contract");
  }
}
