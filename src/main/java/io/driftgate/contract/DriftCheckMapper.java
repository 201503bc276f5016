package io.driftgate.contract;

/** Maps a property's {@code x-driftgate.drift} block, checking the test suits the field's type. */
final class DriftCheckMapper {

  private DriftCheckMapper() {}

  /**
   * @param field the property's name, for messages; may be {@code null} when it is missing
   * @param type the property's type, or {@code null} when it is invalid (type checks are skipped)
   */
  static DriftCheck map(ContractNode drift, String field, LogicalType type) {
    if (!drift.isMapping()) {
      return FieldSpecMapper.defaultDrift(type);
    }
    drift.rejectUnknownKeys("test", "effectFloor", "critical");
    ContractNode testNode = drift.get("test");
    DriftTest test =
        testNode.isAbsent()
            ? FieldSpecMapper.defaultDrift(type).test()
            : testNode.choice(DriftTest.class);
    boolean critical = drift.get("critical").bool(false);
    ContractNode floorNode = drift.get("effectFloor");
    Double floor = floorNode.number();
    if (test == null) {
      return DriftCheck.none();
    }
    checkSuitsType(testNode, test, field, type);
    if (floor == null) {
      floor = DriftCheck.defaultFor(test).effectFloor();
    } else if (!floorInRange(test, floor)) {
      floorNode.problem(floorRangeProblem(test, floor));
    }
    return test == DriftTest.NONE ? DriftCheck.none() : new DriftCheck(test, floor, critical);
  }

  private static void checkSuitsType(
      ContractNode testNode, DriftTest test, String field, LogicalType type) {
    if (type == null || test == DriftTest.NONE || (test == DriftTest.KS) == type.isNumeric()) {
      return;
    }
    String needs =
        test == DriftTest.KS
            ? "an integer or number field"
            : "a string, boolean, date or timestamp field";
    testNode.problem(
        ContractNode.spelling(test)
            + " needs "
            + needs
            + ", but "
            + (field == null ? "this property" : "'" + field + "'")
            + " is "
            + ContractNode.spelling(type));
  }

  private static boolean floorInRange(DriftTest test, double floor) {
    return switch (test) {
      case KS, CHI2 -> floor > 0 && floor <= 1;
      case PSI -> floor > 0;
      case NONE -> false;
    };
  }

  private static String floorRangeProblem(DriftTest test, double floor) {
    String value = ContractNode.format(floor);
    return switch (test) {
      case KS, CHI2 ->
          "effectFloor " + value + " for " + ContractNode.spelling(test) + " must be in (0, 1]";
      case PSI -> "effectFloor " + value + " for psi must be greater than 0";
      case NONE -> "effectFloor has no meaning for test none";
    };
  }
}
