package io.driftgate.gate;

import io.driftgate.contract.ContractLoader;
import io.driftgate.contract.DataContract;
import io.driftgate.contract.RolloutPlan;
import io.driftgate.drift.GateResult;
import io.driftgate.drift.Verdict;
import io.driftgate.profile.DatasetProfile;
import io.driftgate.profile.ProfileSettings;
import io.driftgate.profile.RecordProfiler;
import io.driftgate.rollout.Command;
import io.driftgate.rollout.Decision;
import io.driftgate.rollout.DecisionKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Seeded rows of the validation contract's 20 fields ({@code validation/validation.wide.yaml}), and
 * whole rollouts of them through {@link DatasetGate}: windows of both versions' records, the state
 * machine deciding after each. A {@link Change} makes the candidate differ from the baseline in one
 * way, or not at all.
 */
final class ValidationTable {

  static final DataContract CONTRACT =
      ContractLoader.load(
          Path.of(System.getProperty("driftgate.repo", "."))
              .resolve("src/test/resources/validation/validation.wide.yaml"));
  static final String DATASET = CONTRACT.dataset();
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  /** The 20 countries: the first at 10%, the rest sharing 90% unevenly. */
  static final String[] COUNTRIES = new String[20];

  private static final double[] COUNTRY_SHARES = new double[20];

  static {
    double rest = 0;
    for (int i = 1; i < 20; i++) {
      rest += 1.0 / (i + 2);
    }
    for (int i = 0; i < 20; i++) {
      COUNTRIES[i] = "country-" + i;
      COUNTRY_SHARES[i] = i == 0 ? 0.10 : 0.90 * (1.0 / (i + 2)) / rest;
    }
  }

  /** How the candidate differs from the baseline. */
  sealed interface Change {
    /** No difference: an A/A rollout. */
    record None() implements Change {}

    /** A numeric field's values shifted by a true KS distance {@code d} (normal location shift). */
    record Shift(String field, double d) implements Change {
      double sigmas() {
        return 2 * new NormalDistribution().inverseCumulativeProbability((1 + d) / 2);
      }
    }

    /** Country {@code country}'s share moved from 10% to {@code share}, the rest rescaled. */
    record Share(int country, double share) implements Change {}

    /** A new country in a share {@code share} of the candidate's records. */
    record NewCategory(double share) implements Change {}

    /** The balance field's null rate moved from 30% to {@code rate}. */
    record NullRate(double rate) implements Change {}
  }

  /**
   * How one rollout ended: the decision that ended it (or none), after how many windows, and the
   * gates that breached in it.
   */
  record Outcome(DecisionKind end, int windows, long candidateRecords, List<String> breached) {
    boolean rolledBack() {
      return end == DecisionKind.ROLLED_BACK;
    }

    boolean promoted() {
      return end == DecisionKind.PROMOTED;
    }
  }

  private ValidationTable() {}

  /**
   * One rollout of v2 against v1: {@code perWindow} records of each version per one-minute window
   * until the rollout ends or {@code maxWindows} have passed.
   */
  static Outcome rollout(long seed, Change change, int perWindow, int maxWindows) {
    return rollout(seed, change, perWindow, maxWindows, null);
  }

  /** As {@link #rollout(long, Change, int, int)}, with a plan of its own (null: the contract's). */
  static Outcome rollout(
      long seed, Change change, int perWindow, int maxWindows, RolloutPlan plan) {
    return rollout(seed, change, perWindow, maxWindows, plan, null, null);
  }

  /**
   * As {@link #rollout(long, Change, int, int, RolloutPlan)}, handing {@code values} each window's
   * values of {@code field}, baseline then candidate in record order, so that other rules can be
   * judged on the very records the gate saw. The windows go on up to {@code maxWindows} after the
   * gate has ended the rollout, no longer fed to it: another rule may need more records than the
   * gate did, and the records do not depend on when the gate stops.
   */
  static Outcome rollout(
      long seed,
      Change change,
      int perWindow,
      int maxWindows,
      RolloutPlan plan,
      String field,
      BiConsumer<double[], double[]> values) {
    SplittableRandom random = new SplittableRandom(seed);
    RecordProfiler profiler = new RecordProfiler(CONTRACT);
    DatasetGate gate = new DatasetGate(CONTRACT, ProfileSettings.DEFAULTS, new GateState());
    GateOutput started = new GateOutput();
    gate.onCommand(new Command.Start("start", DATASET, "suite", T0, "v2", "v1", plan), started);
    if (Boolean.getBoolean("validation.trace")) {
      started.decisions().forEach(d -> System.out.println("start " + d.kind() + " " + d.message()));
    }
    Outcome ended = null;
    for (int w = 0; w < maxWindows && (ended == null || values != null); w++) {
      List<Map<String, Object>> baselineRows = new ArrayList<>(perWindow);
      List<Map<String, Object>> candidateRows = new ArrayList<>(perWindow);
      for (int r = 0; r < perWindow; r++) {
        baselineRows.add(row(random, change, false));
        candidateRows.add(row(random, change, true));
      }
      if (ended == null) {
        ended = window(gate, profiler, w, baselineRows, candidateRows);
      }
      if (values != null) {
        values.accept(valuesOf(baselineRows, field), valuesOf(candidateRows, field));
      }
    }
    return ended != null
        ? ended
        : new Outcome(null, maxWindows, (long) maxWindows * perWindow, List.of());
  }

  /**
   * Profiles window {@code w}'s rows and lets the gate decide on them; returns how the rollout
   * ended, or null while it goes on.
   */
  private static Outcome window(
      DatasetGate gate,
      RecordProfiler profiler,
      int w,
      List<Map<String, Object>> baselineRows,
      List<Map<String, Object>> candidateRows) {
    int perWindow = baselineRows.size();
    Instant start = T0.plus(Duration.ofMinutes(w));
    Instant end = start.plus(Duration.ofMinutes(1));
    DatasetProfile baseline = DatasetProfile.forContract(CONTRACT, "v1", ProfileSettings.DEFAULTS);
    DatasetProfile candidate = DatasetProfile.forContract(CONTRACT, "v2", ProfileSettings.DEFAULTS);
    for (int r = 0; r < perWindow; r++) {
      long at = start.toEpochMilli() + r;
      profiler.observe(baseline, baselineRows.get(r), at, at);
      profiler.observe(candidate, candidateRows.get(r), at, at);
    }
    GateOutput out = new GateOutput();
    gate.onWindow(start, end, Map.of("v1", baseline, "v2", candidate), out);
    if (Boolean.getBoolean("validation.trace")) {
      out.decisions().forEach(d -> System.out.println(w + " " + d.kind() + " " + d.message()));
    }
    for (Decision decision : out.decisions()) {
      if (decision.kind() == DecisionKind.PROMOTED || decision.kind() == DecisionKind.ROLLED_BACK) {
        List<String> breached =
            decision.evidence().stream()
                .filter(g -> g.verdict() == Verdict.BREACH)
                .map(GateResult::gate)
                .toList();
        return new Outcome(decision.kind(), w + 1, (long) (w + 1) * perWindow, breached);
      }
    }
    return null;
  }

  private static double[] valuesOf(List<Map<String, Object>> rows, String field) {
    return rows.stream().mapToDouble(row -> ((Number) row.get(field)).doubleValue()).toArray();
  }

  /** One record's fields, of the candidate (changed) or of the baseline. */
  static Map<String, Object> row(SplittableRandom random, Change change, boolean candidate) {
    Map<String, Object> row = new HashMap<>();
    double shift = 0;
    String shifted = null;
    if (candidate && change instanceof Change.Shift s) {
      shift = s.sigmas();
      shifted = s.field();
    }
    row.put("height", 170 + 10 * (random.nextGaussian() + ("height".equals(shifted) ? shift : 0)));
    row.put("weight", 75 + 12 * (random.nextGaussian() + ("weight".equals(shifted) ? shift : 0)));
    row.put("price", 20 * Math.exp(0.5 * random.nextGaussian()));
    row.put(
        "created_epoch",
        1.7e9 + 1000 * (random.nextGaussian() + ("created_epoch".equals(shifted) ? shift : 0)));
    row.put("file_size", 1000 * Math.pow(1 - random.nextDouble(), -1 / 1.5));
    row.put("wait_seconds", 10 * gamma3(random));
    row.put("score", 100 * random.nextDouble());
    row.put("age", random.nextInt(18, 91));
    row.put("session_id", "s-" + random.nextInt(1_000_000));
    row.put("country", country(random, change, candidate));
    row.put("plan", new String[] {"free", "basic", "pro", "team"}[random.nextInt(4)]);
    row.put("device", "device-" + random.nextInt(6));
    row.put("channel", "channel-" + random.nextInt(8));
    row.put("is_active", random.nextDouble() < 0.7);
    row.put("is_trial", random.nextDouble() < 0.1);
    row.put("discount", random.nextDouble() < 0.6 ? 0.0 : Math.exp(random.nextGaussian()));
    row.put("rating", (double) (1 + random.nextInt(5)));
    row.put("tenure_days", -365 * Math.log1p(-random.nextDouble()));
    row.put("referrer", "ref-" + (int) Math.floor(Math.pow(50, random.nextDouble())));
    double nullRate = candidate && change instanceof Change.NullRate n ? n.rate() : 0.30;
    row.put("balance", random.nextDouble() < nullRate ? null : 1000 + 300 * random.nextGaussian());
    return row;
  }

  /**
   * A country: the label a {@link Change.Share} moves has the 10% share on both sides (the others
   * keep theirs, in turn), so every label can be the one that moves.
   */
  private static String country(SplittableRandom random, Change change, boolean candidate) {
    if (candidate && change instanceof Change.NewCategory n && random.nextDouble() < n.share()) {
      return "country-new";
    }
    int moved = change instanceof Change.Share s ? s.country() : 0;
    double[] shares = new double[COUNTRY_SHARES.length];
    for (int i = 0; i < shares.length; i++) {
      shares[(i + moved) % shares.length] = COUNTRY_SHARES[i];
    }
    if (candidate && change instanceof Change.Share s) {
      double rescale = (1 - s.share()) / (1 - shares[moved]);
      for (int i = 0; i < shares.length; i++) {
        shares[i] = i == moved ? s.share() : shares[i] * rescale;
      }
    }
    double u = random.nextDouble();
    for (int i = 0; i < shares.length; i++) {
      u -= shares[i];
      if (u < 0) {
        return COUNTRIES[i];
      }
    }
    return COUNTRIES[shares.length - 1];
  }

  private static double gamma3(SplittableRandom random) {
    return -Math.log1p(-random.nextDouble())
        - Math.log1p(-random.nextDouble())
        - Math.log1p(-random.nextDouble());
  }
}
