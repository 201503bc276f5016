package io.driftgate.contract;

/**
 * A field's drift check: which test, and the smallest effect worth acting on, so that huge samples
 * do not roll back over differences nobody cares about.
 *
 * @param effectFloor in the test's own unit: KS distance for {@code KS}, total variation distance
 *     for {@code CHI2}, PSI for {@code PSI}
 */
public record DriftCheck(DriftTest test, double effectFloor, boolean critical)
    implements java.io.Serializable {

  public static final double DEFAULT_KS_FLOOR = 0.03;
  public static final double DEFAULT_TV_FLOOR = 0.03;
  public static final double DEFAULT_PSI_FLOOR = 0.10;

  public static DriftCheck none() {
    return new DriftCheck(DriftTest.NONE, 0.0, false);
  }

  public static DriftCheck defaultFor(DriftTest test) {
    return switch (test) {
      case KS -> new DriftCheck(test, DEFAULT_KS_FLOOR, false);
      case CHI2 -> new DriftCheck(test, DEFAULT_TV_FLOOR, false);
      case PSI -> new DriftCheck(test, DEFAULT_PSI_FLOOR, false);
      case NONE -> none();
    };
  }
}
