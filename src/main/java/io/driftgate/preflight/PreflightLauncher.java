package io.driftgate.preflight;

import io.driftgate.job.ContractCatalog;
import io.driftgate.job.JobSettings;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the preflight job with the job's own settings: the same {@code driftgate.*} keys as {@code
 * driftgate run} (contracts, profile settings, record limits), so the profiles it makes fit the
 * running job's contract and settings, which the job checks. Under {@code flink run} the job goes
 * to the cluster; with Flink on the class path and no cluster, to a local one.
 */
public final class PreflightLauncher {

  private PreflightLauncher() {}

  public static PreflightReport run(Map<String, String> settings, PreflightRequest request)
      throws Exception {
    Configuration config = new Configuration();
    settings.forEach(config::setString);
    JobSettings.Profiling job = JobSettings.profiling(config);
    ContractCatalog catalog = ContractCatalog.load(job.contractsDir(), job.contractsDirIsDefault());
    return PreflightJob.run(
        StreamExecutionEnvironment.getExecutionEnvironment(config),
        catalog,
        job.profile(),
        job.recordLimits(),
        request);
  }
}
