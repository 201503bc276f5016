package io.driftgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransientSqlErrorsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"08001", "08006", "08003", "57P01", "57P02", "57P03", "55P03", "40P01", "28000"})
  void outagesRevokedLoginsAndTimedOutWaitsAreTransient(String state) {
    assertThat(TransientSqlErrors.isTransient(new SQLException("x", state))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "23503", "42P01", "42601", "28P01", "22001"})
  void wrongDataSchemaOrCredentialsAreNot(String state) {
    assertThat(TransientSqlErrors.isTransient(new SQLException("x", state))).isFalse();
  }

  @Test
  void theJdbcTransientTypesAndASocketTimeoutAnywhereInTheCausesAreTransient() {
    assertThat(TransientSqlErrors.isTransient(new SQLTransientConnectionException("x"))).isTrue();
    assertThat(TransientSqlErrors.isTransient(new SQLRecoverableException("x"))).isTrue();
    assertThat(
            TransientSqlErrors.isTransient(
                new SQLException("wrapped", new SocketTimeoutException("Read timed out"))))
        .isTrue();
    assertThat(TransientSqlErrors.isTransient(new SQLException("no state"))).isFalse();
  }
}
