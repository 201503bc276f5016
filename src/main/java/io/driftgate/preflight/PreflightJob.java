package io.driftgate.preflight;

import io.driftgate.contract.DataContract;
import io.driftgate.gate.PreflightRun;
import io.driftgate.job.ContractCatalog;
import io.driftgate.job.RecordLimits;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Preflight;
import io.driftgate.source.VersionSource;
import io.driftgate.source.VersionSources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The preflight as a bounded Flink job: each version is read from where it lives by the job's own
 * sources ({@link VersionSources}) and profiled whole at parallelism 1 ({@link PreflightOperator});
 * the profiles come back to the client, which judges them as a gate without a reference profile
 * would. Nothing is written anywhere: the start that carries the result is what the job audits.
 */
public final class PreflightJob {

  /**
   * Lateness means nothing to a version read whole; the sources still need a bound for their
   * watermarks, which nothing here reads.
   */
  private static final Duration OUT_OF_ORDERNESS = Duration.ofDays(365);

  private PreflightJob() {}

  public static PreflightReport run(
      StreamExecutionEnvironment env,
      ContractCatalog catalog,
      ProfileSettings settings,
      RecordLimits limits,
      PreflightRequest request)
      throws Exception {
    if (!catalog.knows(request.dataset())) {
      throw new IllegalArgumentException(
          "dataset " + request.dataset() + " has no contract (known: " + catalog.datasets() + ")");
    }
    DataContract contract = catalog.contract(request.dataset());
    env.setParallelism(1);
    DataStream<byte[]> reads = read(env, request.candidate(), catalog, contract, settings, limits);
    if (request.baseline() != null) {
      reads = reads.union(read(env, request.baseline(), catalog, contract, settings, limits));
    }
    Map<String, VersionRead> byVersion = new HashMap<>();
    try (CloseableIterator<byte[]> results =
        reads.executeAndCollect(
            "driftgate preflight " + request.dataset() + " " + request.candidate().version())) {
      while (results.hasNext()) {
        VersionRead read = VersionRead.fromBytes(results.next());
        byVersion.put(read.version(), read);
      }
    }
    VersionRead candidate = byVersion.get(request.candidate().version());
    VersionRead baseline =
        request.baseline() == null ? null : byVersion.get(request.baseline().version());
    Preflight preflight =
        new Preflight(
            request.candidateSource(),
            request.baselineSource(),
            candidate.profile(),
            baseline == null ? null : baseline.profile(),
            candidate.unreadable(),
            baseline == null ? 0 : baseline.unreadable());
    Command.Start start =
        new Command.Start(
            "preflight",
            request.dataset(),
            "preflight",
            Instant.EPOCH,
            request.candidate().version(),
            request.baselineVersion(),
            null,
            null,
            preflight);
    List<String> samples = new ArrayList<>(candidate.samples());
    if (baseline != null) {
      samples.addAll(baseline.samples());
    }
    return new PreflightReport(
        request.dataset(),
        request.candidate().version(),
        request.baselineVersion(),
        preflight,
        PreflightRun.judge(contract, settings, start),
        samples);
  }

  private static DataStream<byte[]> read(
      StreamExecutionEnvironment env,
      VersionSource source,
      ContractCatalog catalog,
      DataContract contract,
      ProfileSettings settings,
      RecordLimits limits) {
    return VersionSources.read(env, source, catalog, limits, OUT_OF_ORDERNESS)
        .transform(
            "Profile " + source.dataset() + " " + source.version() + " whole",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
            new PreflightOperator(contract, settings, source.version()))
        .setParallelism(1)
        .uid("preflight-" + source.version());
  }
}
