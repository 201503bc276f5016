package io.driftgate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftgate.rollout.DecisionKind;
import io.driftgate.source.VersionSource.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSpecsTest {

  private static final String KEY = "driftgate.notify.webhooks";

  @Test
  void readsEveryAttribute() {
    Webhook webhook =
        WebhookSpecs.parse(
            "ops=https://hooks.example/driftgate?team=data;format=slack;"
                + "secret-env=DG_HOOK_SECRET;kinds=ROLLED_BACK, promoted");

    assertThat(webhook.name()).isEqualTo("ops");
    assertThat(webhook.uri()).isEqualTo(URI.create("https://hooks.example/driftgate?team=data"));
    assertThat(webhook.format()).isEqualTo(Webhook.Format.SLACK);
    assertThat(webhook.secret()).isEqualTo(new Secret(Secret.From.ENV, "DG_HOOK_SECRET"));
    assertThat(webhook.kinds())
        .containsExactlyInAnyOrder(DecisionKind.ROLLED_BACK, DecisionKind.PROMOTED);
    assertThat(webhook.wants(DecisionKind.HELD)).isFalse();
  }

  @Test
  void defaultsToJsonAndEveryKind() {
    Webhook webhook = WebhookSpecs.parse("audit=http://127.0.0.1:9000/x;secret-file=/run/hook");

    assertThat(webhook.format()).isEqualTo(Webhook.Format.JSON);
    assertThat(webhook.secret()).isEqualTo(new Secret(Secret.From.FILE, "/run/hook"));
    assertThat(webhook.kinds()).isEqualTo(EnumSet.allOf(DecisionKind.class));
  }

  @Test
  void joinsTheAttributesFlinkSplitOffALineAtItsSemicolons() {
    List<String> problems = new ArrayList<>();
    List<Webhook> webhooks =
        WebhookSpecs.parse(
            List.of(
                "ops=https://a.example/h",
                "format=slack",
                "secret-env=A",
                "audit=https://b.example/h;secret-file=/run/b",
                "kinds=REJECTED"),
            KEY,
            problems);

    assertThat(problems).isEmpty();
    assertThat(webhooks).extracting(Webhook::name).containsExactly("ops", "audit");
    assertThat(webhooks.get(0).format()).isEqualTo(Webhook.Format.SLACK);
    assertThat(webhooks.get(1).kinds()).isEqualTo(Set.of(DecisionKind.REJECTED));
  }

  @Test
  void namesWhatIsWrong() {
    assertProblem("ops", "'ops' is not <name>=<url>");
    assertProblem("o ps=https://a/h;secret-env=A", "webhook name 'o ps' must be 1 to 64 letters");
    assertProblem(
        "ops=ftp://a/h;secret-env=A", "webhook 'ops': 'ftp://a/h' is not an absolute http");
    assertProblem("ops=/relative;secret-env=A", "is not an absolute http:// or https:// URL");
    assertProblem("ops=https://a/h", "webhook 'ops': a signing secret is required");
    assertProblem(
        "ops=https://a/h;secret=hunter2",
        "webhook 'ops': a secret is never given inline: use secret-env=VAR or secret-file=PATH");
    assertProblem(
        "ops=https://a/h;secret-env=A;secret-file=/f", "give secret-env or secret-file, not both");
    assertProblem(
        "ops=https://a/h;secret-env=A;format=teams", "format 'teams' is not json or slack");
    assertProblem(
        "ops=https://a/h;secret-env=A;kinds=ROLLED_BACK,OOPS", "kind 'OOPS' is not one of");
    assertProblem(
        "ops=https://a/h;secret-env=A;colour=red",
        "unknown key 'colour' (known: format, kinds, secret-env, secret-file)");
    assertProblem("ops=https://a/h;secret-env=", "secret-env needs a value");
    assertProblem("ops=https://a/h;secret-env=A;secret-env=B", "secret-env is given twice");
  }

  @Test
  void reportsEveryProblemOfTheListByItsKey() {
    List<String> problems = new ArrayList<>();
    WebhookSpecs.parse(
        List.of("format=slack", "a=https://a/h;secret-env=A", "a=https://b/h;secret-env=B", "b"),
        KEY,
        problems);

    assertThat(problems)
        .containsExactly(
            KEY + ": 'format=slack' follows no <name>=<url>",
            KEY + ": webhook 'a' is configured twice",
            KEY + ": 'b' is not <name>=<url> (e.g. ops=https://hooks.example/driftgate)");
  }

  private static void assertProblem(String spec, String message) {
    assertThatThrownBy(() -> WebhookSpecs.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
