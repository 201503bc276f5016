package io.driftgate.contract;

import java.util.ArrayList;
import java.util.List;

/** Maps {@code x-driftgate.outcomes}, one gate per metric, to outcome gates. */
final class OutcomeGateMapper {

  /** What each cohort must show by default before an outcome gate can pass. */
  static final long DEFAULT_MIN_SAMPLES = 1_000;

  private OutcomeGateMapper() {}

  static List<OutcomeGate> map(ContractNode outcomes) {
    List<OutcomeGate> gates = new ArrayList<>();
    if (!outcomes.isMapping()) {
      return gates;
    }
    for (String metric : outcomes.keys()) {
      ContractNode gate = outcomes.get(metric);
      String problem = OutcomeGate.metricProblem(metric);
      if (problem != null) {
        gate.problem(problem);
        continue;
      }
      if (!gate.isMapping()) {
        continue;
      }
      gate.rejectUnknownKeys(
          "test", "harm", "effectFloor", "relativeEffectFloor", "critical", "minSamples");
      OutcomeTest test = gate.require("test").choice(OutcomeTest.class);
      Harm harm = gate.require("harm").choice(Harm.class);
      ContractNode absolute = gate.get("effectFloor");
      ContractNode relative = gate.get("relativeEffectFloor");
      if (!absolute.isAbsent() && !relative.isAbsent()) {
        relative.problem("give effectFloor or relativeEffectFloor, not both");
      }
      boolean isRelative = !relative.isAbsent();
      ContractNode floorNode = isRelative ? relative : absolute;
      Double floor = floorNode.number();
      if (floor != null && floor < 0) {
        floorNode.problem(
            "an effect floor must not be negative, got " + ContractNode.format(floor));
        floor = null;
      }
      if (test == OutcomeTest.KS && isRelative) {
        relative.problem(
            "a ks gate's floor is a distance between distribution functions: give"
                + " effectFloor, from 0 to 1");
      } else if (test == OutcomeTest.KS && floor != null && floor > 1) {
        absolute.problem(
            "a ks gate's effectFloor is a distance between distribution functions, from 0 to 1,"
                + " got "
                + ContractNode.format(floor));
        floor = null;
      }
      ContractNode samplesNode = gate.get("minSamples");
      Long samples = samplesNode.integer();
      if (samples != null && samples < 2) {
        samplesNode.problem("minSamples " + samples + " must be at least 2 per cohort");
        samples = null;
      }
      if (test != null && harm != null) {
        gates.add(
            new OutcomeGate(
                metric,
                test,
                harm,
                floor == null ? 0.0 : floor,
                isRelative,
                gate.get("critical").bool(false),
                samples == null ? DEFAULT_MIN_SAMPLES : samples));
      }
    }
    return gates;
  }
}
