package io.driftgate.source;

import io.driftgate.job.SourceRecord;
import io.driftgate.serde.DriftgateTypes;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.ParseResult;
import io.driftgate.wire.Rejection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSourceBuilder;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;

/**
 * A JDBC query's rows as {@link SourceRecord}s through flink-connector-jdbc's bounded {@code
 * JdbcSource}: one split (the query), read exactly once — on a restore the reader runs the query
 * again and moves to the row after the checkpointed one, which needs a scrollable result set (see
 * {@code docs/sources.md} for what that costs). A row's number is its position in the result set
 * ({@link ResultSet#getRow()}), the same after a restore.
 */
final class JdbcRows implements ResultExtractor<SourceRecord> {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final RowMapper mapper;
  private final long observedAt;

  private transient ResultSet lastRows;
  private transient JdbcColumns columns;

  JdbcRows(String url, RowMapper mapper, long queryMillis) {
    this.url = url;
    this.mapper = mapper;
    this.observedAt = mapper.observedAt(queryMillis);
  }

  /**
   * The bounded source of {@code query}'s rows; the user and password are resolved now.
   *
   * @param queryMillis when the query is taken to be run: the rows' observed-at time
   */
  static JdbcSource<SourceRecord> source(
      VersionSource.JdbcQuery query, RowMapper mapper, long queryMillis) {
    JdbcSourceBuilder<SourceRecord> builder =
        JdbcSource.<SourceRecord>builder()
            .setDBUrl(query.url())
            .setSql(query.query())
            .setResultExtractor(new JdbcRows(query.url(), mapper, queryMillis))
            .setTypeInformation(DriftgateTypes.SOURCE_RECORD)
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)
            .setResultSetConcurrency(ResultSet.CONCUR_READ_ONLY);
    if (query.driverClass() != null) {
      // An instantiated driver, not DriverManager's: see RECIPES "JDBC inside Flink".
      builder.setDriverName(query.driverClass());
    }
    if (query.user() != null) {
      builder.setUsername(query.user().resolve());
    }
    if (query.password() != null) {
      builder.setPassword(query.password().resolve());
    }
    return builder.build();
  }

  /** {@code jdbc:postgresql://db:5432/features#row=17}: the query's 17th row. */
  static String origin(String url, long row) {
    return url + "#row=" + row;
  }

  @Override
  public SourceRecord extract(ResultSet rows) throws SQLException {
    if (rows != lastRows) {
      columns = JdbcColumns.of(rows.getMetaData());
      lastRows = rows;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    columns.read(rows, values);
    ParseResult result = mapper.mapToNewRow(values, observedAt);
    String origin = origin(url, rows.getRow());
    byte[] original = Originals.json(values);
    return result instanceof ObservedRecord parsed
        ? new SourceRecord(parsed, null, original, origin, observedAt)
        : new SourceRecord(null, (Rejection) result, original, origin, observedAt);
  }

  @Override
  public String identifier() {
    return "driftgate-rows";
  }
}
