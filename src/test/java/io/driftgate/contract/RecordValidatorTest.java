package io.driftgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

  private static final DataContract PROFILE =
      ContractLoader.load(Contracts.example("features.customer_profile.yaml"));

  private final RecordValidator validator = new RecordValidator(PROFILE);

  @Test
  void validRecordHasNoViolations() {
    assertThat(validator.validate(validProfile())).isEmpty();
  }

  @Test
  void validRecordReturnsTheSharedEmptyList() {
    assertThat(validator.validate(validProfile())).isSameAs(List.of());
  }

  @Test
  void optionalFieldsMayBeNullOrAbsent() {
    Map<String, Object> record = validProfile();
    record.put("income", null);
    record.remove("country");
    record.remove("churn_score");

    assertThat(validator.validate(record)).isEmpty();
  }

  @Test
  void missingRequiredFieldSaysWhetherAbsentOrNull() {
    Map<String, Object> record = validProfile();
    record.remove("customer_id");
    record.put("age", null);

    assertThat(validator.validate(record))
        .containsExactly(
            new Violation(
                "customer_id", ViolationKind.MISSING_REQUIRED, "required field is absent"),
            new Violation("age", ViolationKind.MISSING_REQUIRED, "required field is null"));
  }

  @Test
  void wrongTypes() {
    Map<String, Object> record = validProfile();
    record.put("customer_id", 42);
    record.put("age", 3.5);
    record.put("income", "1200.50");
    record.put("signup_date", "2024-02-30");
    record.put("is_active", "true");

    assertThat(validator.validate(record))
        .containsExactly(
            new Violation(
                "customer_id", ViolationKind.WRONG_TYPE, "expected a string, got number 42"),
            new Violation("age", ViolationKind.WRONG_TYPE, "expected an integer, got number 3.5"),
            new Violation(
                "income", ViolationKind.WRONG_TYPE, "expected a number, got string '1200.50'"),
            new Violation(
                "signup_date",
                ViolationKind.WRONG_TYPE,
                "expected a date (yyyy-MM-dd), got string '2024-02-30'"),
            new Violation(
                "is_active", ViolationKind.WRONG_TYPE, "expected a boolean, got string 'true'"));
  }

  @Test
  void nestedValuesAreWrongTypes() {
    FieldValidator segment = field("segment");

    assertThat(segment.check(Map.of("a", 1))).isEqualTo(ViolationKind.WRONG_TYPE);
    assertThat(segment.describe(ViolationKind.WRONG_TYPE, List.of(1)))
        .isEqualTo("expected a string, got an array");
  }

  @Test
  void wholeNumbersAreIntegersWhateverTheirJavaType() {
    FieldValidator age = field("age");

    assertThat(age.check(3.0)).isNull();
    assertThat(age.check(30L)).isNull();
    assertThat(age.check(BigInteger.valueOf(30))).isNull();
    assertThat(age.check(new BigDecimal("30.00"))).isNull();
    assertThat(age.check(new BigDecimal("30.5"))).isEqualTo(ViolationKind.WRONG_TYPE);
  }

  @Test
  void outOfRangeIsInclusiveOfTheBounds() {
    FieldValidator age = field("age");
    FieldValidator income = field("income");

    assertThat(age.check(0)).isNull();
    assertThat(age.check(130)).isNull();
    assertThat(age.check(131)).isEqualTo(ViolationKind.OUT_OF_RANGE);
    assertThat(age.describe(ViolationKind.OUT_OF_RANGE, 131)).isEqualTo("131 is above maximum 130");
    assertThat(income.check(-0.5)).isEqualTo(ViolationKind.OUT_OF_RANGE);
    assertThat(income.describe(ViolationKind.OUT_OF_RANGE, -0.5))
        .isEqualTo("-0.5 is below minimum 0");
    assertThat(income.check(1e12)).isNull();
  }

  @Test
  void valueOutsideValidValuesIsNotAllowed() {
    Map<String, Object> record = validProfile();
    record.put("segment", "diamond");

    assertThat(validator.validate(record))
        .containsExactly(
            new Violation(
                "segment",
                ViolationKind.NOT_ALLOWED,
                "string 'diamond' is not one of: bronze, silver, gold, platinum"));
  }

  @Test
  void nanAndInfinitiesAreNotFinite() {
    FieldValidator income = field("income");
    FieldValidator age = field("age");

    assertThat(income.check(Double.NaN)).isEqualTo(ViolationKind.NOT_FINITE);
    assertThat(income.check(Double.NEGATIVE_INFINITY)).isEqualTo(ViolationKind.NOT_FINITE);
    assertThat(income.check("NaN")).isEqualTo(ViolationKind.NOT_FINITE);
    assertThat(age.check("Infinity")).isEqualTo(ViolationKind.NOT_FINITE);
    assertThat(age.check(Double.POSITIVE_INFINITY)).isEqualTo(ViolationKind.NOT_FINITE);
    assertThat(income.describe(ViolationKind.NOT_FINITE, "-Infinity"))
        .isEqualTo("expected a finite number, got string '-Infinity'");
  }

  @Test
  void unknownFieldsBreakOnlyAClosedContract() {
    Map<String, Object> record = validProfile();
    record.put("favourite_colour", "blue");

    assertThat(validator.validate(record))
        .containsExactly(
            new Violation(
                "favourite_colour",
                ViolationKind.UNKNOWN_FIELD,
                "field is not in the closed contract"));
    assertThat(validator.unknownFieldCount(record)).isEqualTo(1);

    RecordValidator open = new RecordValidator(openCopyOf(PROFILE));
    assertThat(open.validate(record)).isEmpty();
    assertThat(open.unknownFieldCount(record)).isZero();
  }

  @Test
  void timestampsAreIsoOffsetDateTimesOrEpochMillis() {
    FieldValidator capturedAt =
        new RecordValidator(ContractLoader.load(Contracts.example("payments.transactions.yaml")))
            .fields().stream()
                .filter(f -> f.name().equals("captured_at"))
                .findFirst()
                .orElseThrow();

    assertThat(capturedAt.check("2024-05-01T12:30:00Z")).isNull();
    assertThat(capturedAt.check("2024-05-01T12:30:00.123+02:00")).isNull();
    assertThat(capturedAt.check(1_714_566_600_000L)).isNull();
    assertThat(capturedAt.check(17)).isNull();
    assertThat(capturedAt.check("2024-05-01 12:30:00")).isEqualTo(ViolationKind.WRONG_TYPE);
    assertThat(capturedAt.check(1.7145666e12)).isEqualTo(ViolationKind.WRONG_TYPE);
    assertThat(FieldValidator.categoryValue(1_714_566_600_000L)).isEqualTo("1714566600000");
  }

  @Test
  void profilerValuesAreDoublesAndStrings() {
    assertThat(FieldValidator.numericValue(42)).isEqualTo(42.0);
    assertThat(FieldValidator.numericValue(new BigDecimal("0.25"))).isEqualTo(0.25);
    assertThat(FieldValidator.categoryValue(true)).isEqualTo("true");
    assertThat(FieldValidator.categoryValue(false)).isEqualTo("false");
    assertThat(FieldValidator.categoryValue("gold")).isEqualTo("gold");
  }

  @Test
  void fieldsFollowTheContractOrder() {
    assertThat(validator.fields())
        .extracting(FieldValidator::name)
        .containsExactlyElementsOf(PROFILE.fields().stream().map(FieldSpec::name).toList());
  }

  private FieldValidator field(String name) {
    return validator.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static Map<String, Object> validProfile() {
    Map<String, Object> record = new HashMap<>();
    record.put("customer_id", "c-0001");
    record.put("age", 42);
    record.put("income", 52_000.5);
    record.put("segment", "gold");
    record.put("country", "DE");
    record.put("churn_score", 0.12);
    record.put("signup_date", "2021-03-14");
    record.put("is_active", true);
    return record;
  }

  private static DataContract openCopyOf(DataContract contract) {
    return new DataContract(
        contract.dataset(),
        contract.version(),
        false,
        contract.fields(),
        contract.gates(),
        contract.freshness(),
        contract.plan(),
        contract.falseRollbackRate());
  }
}
