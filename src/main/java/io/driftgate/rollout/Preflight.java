package io.driftgate.rollout;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a start brings when its candidate is a bounded version read before anyone is exposed: the
 * whole candidate's profile and the baseline's, as the job's own check and profiler made them from
 * the versions' sources ({@code io.driftgate.preflight}). The gate judges them with the job's
 * contract before stage 1 ({@link PreflightJudge}); the command's signature covers them, so they
 * cannot be changed between the reading and the judging.
 *
 * <p>Rows the reader could not turn into records at all (an unreadable event time, a malformed
 * line) are not in the profiles; they are counted here, since a version that cannot be read whole
 * has not been checked whole.
 *
 * @param candidateSource where the candidate was read, as text without credentials
 * @param baselineSource where the baseline was read; {@code null} when only the candidate was, and
 *     the gate's reference profile of the baseline stands for it
 * @param candidateProfile the candidate's {@code DatasetProfile} bytes
 * @param baselineProfile the baseline's profile bytes; {@code null} with {@code baselineSource}
 */
public record Preflight(
    String candidateSource,
    String baselineSource,
    byte[] candidateProfile,
    byte[] baselineProfile,
    long unreadableCandidateRows,
    long unreadableBaselineRows)
    implements java.io.Serializable {

  public Preflight {
    Objects.requireNonNull(candidateSource, "candidateSource");
    Objects.requireNonNull(candidateProfile, "candidateProfile");
    if ((baselineSource == null) != (baselineProfile == null)) {
      throw new IllegalArgumentException(
          "a preflight has a baseline source and profile, or neither");
    }
    if (baselineSource == null && unreadableBaselineRows != 0) {
      throw new IllegalArgumentException("unreadable baseline rows without a baseline source");
    }
    if (unreadableCandidateRows < 0 || unreadableBaselineRows < 0) {
      throw new IllegalArgumentException("unreadable row counts cannot be negative");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preflight p
        && candidateSource.equals(p.candidateSource)
        && Objects.equals(baselineSource, p.baselineSource)
        && Arrays.equals(candidateProfile, p.candidateProfile)
        && Arrays.equals(baselineProfile, p.baselineProfile)
        && unreadableCandidateRows == p.unreadableCandidateRows
        && unreadableBaselineRows == p.unreadableBaselineRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        candidateSource,
        baselineSource,
        Arrays.hashCode(candidateProfile),
        Arrays.hashCode(baselineProfile),
        unreadableCandidateRows,
        unreadableBaselineRows);
  }

  @Override
  public String toString() {
    return "Preflight[candidate="
        + candidateSource
        + " ("
        + candidateProfile.length
        + " profile bytes, "
        + unreadableCandidateRows
        + " unreadable), baseline="
        + (baselineSource == null ? "reference profile" : baselineSource)
        + "]";
  }
}
