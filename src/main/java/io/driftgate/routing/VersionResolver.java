package io.driftgate.routing;

/**
 * Picks the version a consumer reads, per read, from its dataset's {@link RoutingEntry}.
 *
 * <p>A consumer reads the candidate iff {@code CohortHash.bucket(salt, cohortKey) <
 * exposureBasisPoints}. Buckets do not move while the salt stays, so raising the exposure only adds
 * consumers to the candidate and lowering it only removes them.
 *
 * <p>A {@code null} or blank cohort key reads the baseline. Such reads have no identity to pin to a
 * cohort: hashing them would put all of them in the one bucket of the empty key, so that a single
 * bucket, exposed or not, carries an unknown and possibly large share of the traffic and the
 * candidate's real exposure no longer matches the stage. The baseline is the version already known
 * to be good.
 */
public final class VersionResolver {

  private VersionResolver() {}

  /** Returns the version that the consumer with {@code cohortKey} reads now. */
  public static String resolve(RoutingEntry entry, String cohortKey) {
    return isExposed(entry, cohortKey) ? entry.candidateVersion() : entry.baselineVersion();
  }

  /** Whether the consumer with {@code cohortKey} reads the candidate. */
  public static boolean isExposed(RoutingEntry entry, String cohortKey) {
    // An entry without a candidate has exposure 0 (checked by RoutingEntry), so it hashes nothing.
    if (entry.exposureBasisPoints() == 0 || cohortKey == null || cohortKey.isBlank()) {
      return false;
    }
    return CohortHash.bucket(entry.salt(), cohortKey) < entry.exposureBasisPoints();
  }
}
