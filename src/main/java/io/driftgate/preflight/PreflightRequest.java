package io.driftgate.preflight;

import io.driftgate.source.VersionSource;
import java.util.Objects;

/**
 * The versions a preflight reads: the candidate always, the baseline when the gate should not judge
 * against its reference profile of the baseline.
 *
 * @param candidateSource as the audit shows it, without credentials
 * @param baseline {@code null} to read only the candidate
 */
public record PreflightRequest(
    VersionSource candidate,
    String candidateSource,
    VersionSource baseline,
    String baselineSource,
    String baselineVersion) {

  public PreflightRequest {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(candidateSource, "candidateSource");
    Objects.requireNonNull(baselineVersion, "baselineVersion");
    if ((baseline == null) != (baselineSource == null)) {
      throw new IllegalArgumentException("a baseline source comes with its description");
    }
    if (baseline != null) {
      if (!baseline.dataset().equals(candidate.dataset())) {
        throw new IllegalArgumentException(
            "the baseline is of "
                + baseline.dataset()
                + ", the candidate of "
                + candidate.dataset());
      }
      if (!baseline.version().equals(baselineVersion)) {
        throw new IllegalArgumentException(
            "the baseline source reads " + baseline.version() + ", not " + baselineVersion);
      }
    }
    if (candidate.version().equals(baselineVersion)) {
      throw new IllegalArgumentException(
          "the candidate and the baseline are the same version " + baselineVersion);
    }
  }

  public String dataset() {
    return candidate.dataset();
  }
}
