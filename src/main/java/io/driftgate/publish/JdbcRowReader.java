package io.driftgate.publish;

import io.driftgate.source.JdbcColumns;
import io.driftgate.source.VersionSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A JDBC query's rows, in the order the query gives them (so it should say {@code ORDER BY}), with
 * the job's JDBC source's column rules ({@link JdbcColumns}) and row origins ({@code <url>#row=n}).
 * The rows are fetched in batches inside one read-only transaction, so PostgreSQL streams them
 * rather than holding the result in memory.
 */
public final class JdbcRowReader implements RowReader {

  private static final int FETCH_SIZE = 1_000;

  private final String url;
  private final Connection connection;
  private final Statement statement;
  private final ResultSet rows;
  private final JdbcColumns columns;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private long row;

  private JdbcRowReader(
      String url, Connection connection, Statement statement, ResultSet rows, JdbcColumns columns) {
    this.url = url;
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.columns = columns;
  }

  /** Runs the query; credentials are resolved from their environment variables or files now. */
  public static JdbcRowReader open(VersionSource.JdbcQuery query) throws IOException {
    Properties properties = new Properties();
    if (query.user() != null) {
      properties.setProperty("user", query.user().resolve());
    }
    if (query.password() != null) {
      properties.setProperty("password", query.password().resolve());
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection(query.url(), properties);
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      Statement statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      ResultSet rows = statement.executeQuery(query.query());
      return new JdbcRowReader(
          query.url(), connection, statement, rows, JdbcColumns.of(rows.getMetaData()));
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IOException("query on " + query.url() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Row next() throws IOException {
    try {
      if (!rows.next()) {
        return null;
      }
      row++;
      values.clear();
      columns.read(rows, values);
      return new Row(url + "#row=" + row, values, null);
    } catch (SQLException e) {
      throw new IOException("reading row " + (row + 1) + " of " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try (connection;
        statement;
        rows) {
      connection.rollback();
    } catch (SQLException e) {
      throw new IOException("closing the query on " + url + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the query's failure is the one to report
      }
    }
  }
}
