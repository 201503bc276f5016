/**
 * Downstream outcomes of a rollout (issue 13): what consumers observed after reading a dataset
 * version ({@link io.driftgate.outcome.Outcome}, parsed by {@link
 * io.driftgate.outcome.OutcomeParser}, written by {@link io.driftgate.outcome.OutcomeEmitter}), and
 * which cohort, exposed or control, each observation counts in ({@link
 * io.driftgate.outcome.CohortAssigner} over a {@link io.driftgate.outcome.RoutingHistory}). Plain
 * Java: consumers emit outcomes without Flink, and the job's operators only adapt these to state.
 * The rule of assignment and why: {@code docs/outcomes.md}.
 */
package io.driftgate.outcome;
