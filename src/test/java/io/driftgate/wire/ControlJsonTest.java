package io.driftgate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftgate.contract.DeadlineAction;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.contract.Stage;
import io.driftgate.rollout.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ControlJsonTest {

  private static final String DATASET = "features.customer_profile";
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  private static final RolloutPlan PLAN =
      new RolloutPlan(
          List.of(
              new Stage(50, Duration.ofMinutes(10), 1_000, false, Duration.ofHours(2)),
              new Stage(500, Duration.ofMinutes(30), 5_000, true),
              new Stage(10_000, Duration.ZERO, 0, false)),
          4,
          DeadlineAction.ROLLBACK);

  static Stream<Command> everyKind() {
    return Stream.of(
        new Command.Start("c-1", DATASET, "ada", AT, "v42", "v41", PLAN),
        new Command.Start("c-2", DATASET, "ada", AT, "v42", "v41", null),
        new Command.Approve("c-3", DATASET, "ada", AT, 1),
        new Command.Pause("c-4", DATASET, "ada", AT),
        new Command.Resume("c-5", DATASET, "ada", AT),
        new Command.Abort("c-6", DATASET, "ada", AT, "wrong candidate"),
        new Command.ManualRollback("c-7", DATASET, "ada", AT, "incident 4711"));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void roundTrips(Command command) {
    assertThat(ControlJson.parse(ControlJson.toBytes(command)))
        .isEqualTo(new ControlResult.Accepted(command, null));
  }

  @Test
  void writesExposureInPercentAsAContractDoes() {
    String json =
        new String(
            ControlJson.toBytes(new Command.Start("c-1", DATASET, "ada", AT, "v42", "v41", PLAN)),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains(
            "\"plan\":{\"rollbackWindow\":4,\"stages\":[{\"exposure\":0.5,\"minDuration\":\"PT10M\","
                + "\"maxDuration\":\"PT2H\",\"minSamples\":1000,\"approval\":false},"
                + "{\"exposure\":5,")
        .contains("{\"exposure\":100,\"minDuration\":\"PT0S\",\"maxDuration\":\"PT24H\"")
        .contains("],\"onDeadline\":\"rollback\"}");
  }

  @Test
  void readsAHandWrittenStartWithAnOffsetAndDefaults() {
    ControlResult result =
        parse(
            "{\"command\":\"start\",\"command_id\":\"c-9\",\"dataset\":\""
                + DATASET
                + "\","
                + "\"actor\":\"ada\",\"at\":\"2026-11-24T11:00:00+01:00\","
                + "\"candidate_version\":\"v42\",\"baseline_version\":\"v41\","
                + "\"plan\":{\"stages\":[{\"exposure\":1,\"minDuration\":\"PT10M\",\"minSamples\":10},"
                + "{\"exposure\":100,\"minDuration\":\"PT1H\",\"minSamples\":10,\"approval\":true}]}}");

    assertThat(result)
        .isEqualTo(
            new ControlResult.Accepted(
                new Command.Start(
                    "c-9",
                    DATASET,
                    "ada",
                    AT,
                    "v42",
                    "v41",
                    new RolloutPlan(
                        List.of(
                            new Stage(100, Duration.ofMinutes(10), 10, false),
                            new Stage(10_000, Duration.ofHours(1), 10, true)),
                        3)),
                null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "empty | `` | empty control message",
        "not json | {\"command\": | not JSON",
        "duplicate key | {\"command\":\"pause\",\"command\":\"resume\"} | not JSON: Duplicate field",
        "array | [] | expected a JSON object, got an array",
        "unknown command | {\"command\":\"promote\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\"} | unknown command \"promote\","
            + " expected one of: start, approve, pause, resume, abort, rollback",
        "no command | {\"command_id\":\"c\",\"dataset\":\"d\",\"actor\":\"a\","
            + "\"at\":\"2026-11-24T10:00:00Z\"} | missing \"command\"",
        "missing dataset | {\"command\":\"pause\",\"command_id\":\"c\",\"actor\":\"a\","
            + "\"at\":\"2026-11-24T10:00:00Z\"} | missing \"dataset\"",
        "numeric dataset | {\"command\":\"pause\",\"command_id\":\"c\",\"dataset\":7,"
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\"}"
            + " | \"dataset\" must be a non-empty string, got 7",
        "missing actor and id | {\"command\":\"pause\",\"dataset\":\"d\","
            + "\"at\":\"2026-11-24T10:00:00Z\"} | missing \"command_id\"; missing \"actor\"",
        "bad instant | {\"command\":\"pause\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"yesterday\"} | \"at\" \"yesterday\" is not an ISO-8601"
            + " instant, e.g. 2026-11-24T10:00:00Z",
        "typo | {\"command\":\"start\",\"command_id\":\"c\",\"dataset\":\"d\",\"actor\":\"a\","
            + "\"at\":\"2026-11-24T10:00:00Z\",\"candidate_verison\":\"v2\","
            + "\"baseline_version\":\"v1\"} | unknown key \"candidate_verison\" for this command;"
            + " missing \"candidate_version\"",
        "reason on pause | {\"command\":\"pause\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\",\"reason\":\"x\"}"
            + " | unknown key \"reason\" for this command",
        "abort without reason | {\"command\":\"abort\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\"} | missing \"reason\"",
        "negative stage | {\"command\":\"approve\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\",\"stage\":-1}"
            + " | \"stage\" must be an integer >= 0, got -1",
        "fractional stage | {\"command\":\"approve\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\",\"stage\":1.5}"
            + " | \"stage\" must be an integer >= 0, got 1.5",
        "plan not a mapping | {\"command\":\"start\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\",\"candidate_version\":\"v2\","
            + "\"baseline_version\":\"v1\",\"plan\":[]} | plan: expected a mapping, got a sequence",
        "bad plan | {\"command\":\"start\",\"command_id\":\"c\",\"dataset\":\"d\","
            + "\"actor\":\"a\",\"at\":\"2026-11-24T10:00:00Z\",\"candidate_version\":\"v2\","
            + "\"baseline_version\":\"v1\",\"plan\":{\"stages\":[{\"exposure\":5,"
            + "\"minDuration\":\"10 minutes\",\"minSamples\":1},{\"exposure\":1,"
            + "\"minDuration\":\"PT1M\",\"minSamples\":1}]}}"
            + " | plan.stages[0].minDuration: invalid ISO-8601 duration '10 minutes'",
      })
  void rejectsWithEveryProblem(String name, String json, String reason) {
    ControlResult result = parse(json);

    assertThat(result).isInstanceOf(ControlResult.Rejected.class);
    assertThat(((ControlResult.Rejected) result).reason()).startsWith(reason);
  }

  @Test
  void aBadPlanListsAllItsProblemsAndNamesTheCommand() {
    ControlResult result =
        parse(
            "{\"command\":\"start\",\"command_id\":\"c-3\",\"dataset\":\"d\",\"actor\":\"a\","
                + "\"at\":\"2026-11-24T10:00:00Z\",\"candidate_version\":\"v2\","
                + "\"baseline_version\":\"v1\",\"plan\":{\"stages\":[{\"exposure\":5,"
                + "\"minDuration\":\"PT1M\",\"minSamples\":1},{\"exposure\":1,"
                + "\"minDuration\":\"PT1M\",\"minSamples\":1}]}}");

    assertThat(result)
        .isEqualTo(
            new ControlResult.Rejected(
                "c-3",
                "d",
                "plan.stages[1].exposure: exposure 1 must be greater than the previous stage's 5;"
                    + " plan.stages[1].exposure: the last stage must have exposure 100, got 1"));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void signedRoundTripsWithTheSignatureAfterTheCommandsOwnMembers(Command command) {
    ControlSignature signature = new ControlSignature("ada-0123456789ab", "c2ln");

    byte[] bytes = ControlJson.toBytes(command, signature);

    assertThat(ControlJson.parse(bytes)).isEqualTo(new ControlResult.Accepted(command, signature));
    String unsigned = new String(ControlJson.toBytes(command), StandardCharsets.UTF_8);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            unsigned.substring(0, unsigned.length() - 1)
                + ",\"key_id\":\"ada-0123456789ab\",\"signature\":\"c2ln\"}");
  }

  @Test
  void readsAHandWrittenSignedCommandWithTheSignatureAnywhere() {
    ControlResult result =
        parse(
            "{\"signature\":\"c2ln\",\"command\":\"pause\",\"command_id\":\"c-4\","
                + "\"key_id\":\"ada-0123456789ab\",\"dataset\":\""
                + DATASET
                + "\",\"actor\":\"ada\",\"at\":\"2026-11-24T10:00:00Z\"}");

    assertThat(result)
        .isEqualTo(
            new ControlResult.Accepted(
                new Command.Pause("c-4", DATASET, "ada", AT),
                new ControlSignature("ada-0123456789ab", "c2ln")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "key id alone | ,\"key_id\":\"ada-0123456789ab\" | missing \"signature\"",
        "signature alone | ,\"signature\":\"c2ln\" | missing \"key_id\"",
        "null key id | ,\"key_id\":null,\"signature\":\"c2ln\" | missing \"key_id\"",
        "numeric key id | ,\"key_id\":7,\"signature\":\"c2ln\""
            + " | \"key_id\" must be a non-empty string, got 7",
        "blank signature | ,\"key_id\":\"k\",\"signature\":\" \""
            + " | \"signature\" must be a non-empty string, got string \" \"",
        "object signature | ,\"key_id\":\"k\",\"signature\":{}"
            + " | \"signature\" must be a non-empty string, got an object",
        "array key id | ,\"key_id\":[],\"signature\":\"c2ln\""
            + " | \"key_id\" must be a non-empty string, got an array",
        "duplicate signature | ,\"key_id\":\"k\",\"signature\":\"a\",\"signature\":\"b\""
            + " | not JSON: Duplicate field 'signature'",
      })
  void rejectsMalformedSignatureMembersAndNamesTheCommand(
      String name, String members, String reason) {
    ControlResult result =
        parse(
            "{\"command\":\"pause\",\"command_id\":\"c-4\",\"dataset\":\"d\",\"actor\":\"a\","
                + "\"at\":\"2026-11-24T10:00:00Z\""
                + members
                + "}");

    assertThat(result).isInstanceOf(ControlResult.Rejected.class);
    assertThat(((ControlResult.Rejected) result).reason()).isEqualTo(reason.strip());
  }

  /**
   * Signatures cover {@link ControlJson#toBytes(Command)}, and the job re-encodes what it parsed: a
   * command must encode to the very bytes it was read from, whatever its fields hold.
   */
  @Test
  void theCanonicalEncodingOfAParsedCommandIsTheBytesItWasParsedFrom() {
    Random random = new Random(20261124L);
    for (int i = 0; i < 500; i++) {
      Command command = randomCommand(random, i);
      byte[] canonical = ControlJson.toBytes(command);

      ControlResult parsed = ControlJson.parse(canonical);

      assertThat(parsed).as("command %s", command).isInstanceOf(ControlResult.Accepted.class);
      Command read = ((ControlResult.Accepted) parsed).command();
      assertThat(read).isEqualTo(command);
      assertThat(ControlJson.toBytes(read)).as("command %s", command).isEqualTo(canonical);
    }
  }

  private static Command randomCommand(Random random, int i) {
    String id = "c-" + i + TEXTS.get(random.nextInt(TEXTS.size()));
    String dataset = "ds." + TEXTS.get(random.nextInt(TEXTS.size())) + "x";
    String actor = "actor" + TEXTS.get(random.nextInt(TEXTS.size())).strip() + "z";
    Instant at =
        Instant.ofEpochSecond(
            1_700_000_000L + random.nextInt(100_000_000),
            random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    String reason = "why " + TEXTS.get(random.nextInt(TEXTS.size()));
    return switch (random.nextInt(7)) {
      case 0 -> new Command.Start(id, dataset, actor, at, "v2", "v1", null);
      case 1, 2 -> new Command.Start(id, dataset, actor, at, "v2", "v1", randomPlan(random));
      case 3 -> new Command.Approve(id, dataset, actor, at, random.nextInt(5));
      case 4 -> new Command.Pause(id, dataset, actor, at);
      case 5 -> new Command.Abort(id, dataset, actor, at, reason);
      default -> new Command.ManualRollback(id, dataset, actor, at, reason);
    };
  }

  private static final List<String> TEXTS =
      List.of(
          "", " ", "\"quoted\"", "back\\slash", "tab\tnew\nline", "\u00e9\u4e2d\uD83D\uDD25", "/");

  /** Increasing exposures ending at 100 %, durations from nanoseconds to days. */
  private static RolloutPlan randomPlan(Random random) {
    int count = 1 + random.nextInt(4);
    List<Stage> stages = new java.util.ArrayList<>();
    int exposure = 0;
    for (int s = 0; s < count; s++) {
      int remaining = count - s;
      exposure =
          remaining == 1
              ? 10_000
              : exposure + 1 + random.nextInt((10_000 - exposure - remaining) / remaining + 1);
      Duration min = randomDuration(random);
      Duration max = random.nextBoolean() ? null : min.plus(randomDuration(random));
      stages.add(new Stage(exposure, min, random.nextInt(100_000), random.nextBoolean(), max));
    }
    return new RolloutPlan(
        stages,
        1 + random.nextInt(10),
        random.nextBoolean() ? DeadlineAction.ROLLBACK : DeadlineAction.values()[0]);
  }

  private static Duration randomDuration(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> Duration.ZERO;
      case 1 -> Duration.ofMinutes(random.nextInt(10_000));
      case 2 -> Duration.ofSeconds(random.nextInt(1_000_000), random.nextInt(1_000_000_000));
      default -> Duration.ofDays(random.nextInt(30)).plusMillis(random.nextInt(1_000));
    };
  }

  private static ControlResult parse(String json) {
    return ControlJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
