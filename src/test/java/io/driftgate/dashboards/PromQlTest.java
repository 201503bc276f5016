package io.driftgate.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void aBareNameIsAMetric() {
    assertThat(PromQl.parse("up").metrics()).containsExactly("up");
  }

  @Test
  void selectorsYieldTheirMetricAndLabelNamesNotValues() {
    PromQl q = PromQl.parse("a_b{dataset=~\"$dataset\", gate!=\"x{y}\",version='v1'}");
    assertThat(q.metrics()).containsExactly("a_b");
    assertThat(q.selectorLabels("a_b")).containsExactly("dataset", "gate", "version");
  }

  @Test
  void functionsAggregationsAndModifiersAreNotMetrics() {
    PromQl q =
        PromQl.parse(
            "sum by (dataset, version) (rate(m1{dataset=~\"$dataset\"}[$__rate_interval]))"
                + " / on (dataset) group_left (field) max without(host) (m2[5m] offset 1h) > bool 0");
    assertThat(q.metrics()).containsExactly("m1", "m2");
    assertThat(q.groupingLabels()).containsExactly("dataset", "version", "field", "host");
  }

  @Test
  void aModifierMayFollowTheAggregatedExpression() {
    PromQl q = PromQl.parse("sum(increase(m[$__range])) by (reason) * 60");
    assertThat(q.metrics()).containsExactly("m");
    assertThat(q.groupingLabels()).containsExactly("reason");
  }

  @Test
  void numbersDurationsAndVariablesAreSkipped() {
    PromQl q = PromQl.parse("m * 1e-3 + 0x1F - 2.5 + ${factor} + $x and m_2 @ 1700000000");
    assertThat(q.metrics()).containsExactly("m", "m_2");
  }

  @Test
  void anUnknownFunctionIsAnErrorNotAMetric() {
    assertThatThrownBy(() -> PromQl.parse("rte(m[5m])"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown function rte");
  }

  @Test
  void brokenSelectorsAreErrors() {
    assertThatThrownBy(() -> PromQl.parse("m{a=\"x\"")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> PromQl.parse("m{a}")).hasMessageContaining("no matcher");
  }

  @Test
  void labelValuesSplitsSelectorAndLabel() {
    assertThat(Dashboards.labelValues("label_values(m{a=\"$a\"}, gate)"))
        .containsExactly("m{a=\"$a\"}", "gate");
    assertThat(Dashboards.labelValues("SELECT 1")).isNull();
  }
}
