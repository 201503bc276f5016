package io.driftgate.sql;

import io.driftgate.job.DriftgateOptions;
import io.driftgate.job.JdbcEndpoint;
import io.driftgate.routing.RoutingEntry;
import io.driftgate.routing.VersionResolver;
import io.driftgate.store.RoutingTableResolver;
import io.driftgate.store.UnknownDatasetException;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.util.TimeUtils;

/**
 * The Flink SQL function {@code driftgate_version}: which version of a dataset a consumer reads
 * now, with the job's own hash ({@link VersionResolver}), so a query and the job agree on who is
 * exposed.
 *
 * <ul>
 *   <li>{@code driftgate_version(dataset, cohort_key)} looks the dataset up in {@code
 *       cohort_routing} (and {@code dataset_alias} for a dataset never rolled out) through a {@link
 *       RoutingTableResolver}, re-read at most every {@code driftgate.sql.routing-max-age}. It
 *       returns {@code NULL} for a dataset the tables do not know. The database is the job's: the
 *       job parameters {@code driftgate.jdbc.url}, {@code driftgate.jdbc.user}, {@code
 *       driftgate.jdbc.password-file} or {@code driftgate.jdbc.password-env} (in the SQL client,
 *       {@code SET 'driftgate.jdbc.url' = '...'}), read in {@link #open}; the password itself is
 *       never a parameter.
 *   <li>{@code driftgate_version(cohort_key, salt, baseline, candidate, exposure_bp)} needs no
 *       database: it resolves one routing row given by its columns, e.g. in a join with the {@code
 *       cohort_routing} or {@code routing} table. {@code NULL} when the baseline or the exposure
 *       is.
 * </ul>
 *
 * <p>A {@code NULL} or blank cohort key reads the baseline, as in {@link VersionResolver}.
 */
public class DriftgateVersion extends ScalarFunction {

  /** The name the function is registered under in {@code sql/flink/functions.sql}. */
  public static final String NAME = "driftgate_version";

  public static final ConfigOption<Duration> ROUTING_MAX_AGE =
      ConfigOptions.key("driftgate.sql.routing-max-age")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "How stale the routing table read by driftgate_version(dataset, cohort_key) may be;"
                  + " a rollback reaches queries within it.");

  private JdbcEndpoint endpoint;
  private Duration maxAge;
  private transient RoutingTableResolver resolver;

  /** For {@code CREATE FUNCTION}: the database comes from the job parameters in {@link #open}. */
  public DriftgateVersion() {}

  /** For the Table API: a fixed database, whatever the job parameters say. */
  public DriftgateVersion(JdbcEndpoint endpoint, Duration maxAge) {
    this.endpoint = endpoint;
    this.maxAge = maxAge;
  }

  @Override
  public void open(FunctionContext context) throws Exception {
    if (endpoint == null) {
      String url = context.getJobParameter(DriftgateOptions.JDBC_URL.key(), null);
      if (url != null && !url.isBlank()) {
        endpoint =
            new JdbcEndpoint(
                url,
                context.getJobParameter(DriftgateOptions.JDBC_USER.key(), null),
                context.getJobParameter(
                    DriftgateOptions.JDBC_PASSWORD_ENV.key(),
                    DriftgateOptions.JDBC_PASSWORD_ENV.defaultValue()),
                context.getJobParameter(DriftgateOptions.JDBC_PASSWORD_FILE.key(), null));
      }
    }
    if (maxAge == null) {
      String age = context.getJobParameter(ROUTING_MAX_AGE.key(), null);
      maxAge = age == null ? ROUTING_MAX_AGE.defaultValue() : TimeUtils.parseDuration(age);
    }
  }

  /** The version of {@code dataset} the consumer {@code cohortKey} reads now, from the tables. */
  public String eval(String dataset, String cohortKey) {
    if (dataset == null) {
      return null;
    }
    try {
      return resolver().resolve(dataset, cohortKey);
    } catch (UnknownDatasetException e) {
      return null;
    }
  }

  /**
   * The version the consumer {@code cohortKey} reads under the routing row given by its columns.
   */
  public String eval(
      String cohortKey, String salt, String baseline, String candidate, Integer exposureBp) {
    if (baseline == null || exposureBp == null) {
      return null;
    }
    RoutingEntry entry =
        new RoutingEntry(
            NAME,
            baseline,
            candidate,
            exposureBp,
            salt,
            candidate == null ? RoutingEntry.NO_STAGE : 0);
    return VersionResolver.resolve(entry, cohortKey);
  }

  /** The answer changes with the routing table, so the planner must not fold it into a constant. */
  @Override
  public boolean isDeterministic() {
    return false;
  }

  private RoutingTableResolver resolver() {
    if (resolver == null) {
      if (endpoint == null) {
        throw new IllegalStateException(
            NAME
                + "(dataset, cohort_key) needs the routing table: set the job parameter "
                + DriftgateOptions.JDBC_URL.key()
                + " (and "
                + DriftgateOptions.JDBC_USER.key()
                + ", "
                + DriftgateOptions.JDBC_PASSWORD_FILE.key()
                + " or "
                + DriftgateOptions.JDBC_PASSWORD_ENV.key()
                + "), or use "
                + NAME
                + "(cohort_key, salt, baseline, candidate, exposure_bp)");
      }
      resolver =
          new RoutingTableResolver(
              endpoint.resolve(), maxAge == null ? ROUTING_MAX_AGE.defaultValue() : maxAge);
    }
    return resolver;
  }
}
