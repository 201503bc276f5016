package io.driftgate.store;

import io.driftgate.drift.EvidenceText;
import io.driftgate.rollout.StageNumber;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The alias table, routing table, alias history and audit log as plain-text tables, for the CLI's
 * {@code status} and the demo's closing summary.
 */
public final class StatusReport {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final StatusReader reader;
  private final PrintStream out;

  public StatusReport(StatusReader reader, PrintStream out) {
    this.reader = reader;
    this.out = out;
  }

  public void aliases() throws SQLException {
    out.println("dataset_alias");
    out.printf(
        Locale.ROOT,
        "  %-28s %-8s %10s  %-16s  %s%n",
        "dataset",
        "version",
        "generation",
        "updated_at",
        "reason");
    for (AliasRow row : reader.aliases()) {
      out.printf(
          Locale.ROOT,
          "  %-28s %-8s %10d  %-16s  %s%n",
          row.dataset(),
          row.version(),
          row.generation(),
          time(row.updatedAt()),
          row.reason());
    }
  }

  public void routing() throws SQLException {
    out.println("cohort_routing");
    out.printf(
        Locale.ROOT,
        "  %-28s %-8s %-9s %8s %5s%n",
        "dataset",
        "baseline",
        "candidate",
        "exposure",
        "stage");
    for (RoutingRow row : reader.routing()) {
      var e = row.entry();
      out.printf(
          Locale.ROOT,
          "  %-28s %-8s %-9s %7.2f%% %5s%n",
          e.dataset(),
          e.baselineVersion(),
          e.candidateVersion() == null ? "-" : e.candidateVersion(),
          e.exposureBasisPoints() / 100.0,
          e.stage() < 0 ? "-" : String.valueOf(StageNumber.of(e.stage())));
    }
  }

  public void history(String dataset) throws SQLException {
    out.println("alias_history (" + dataset + ")");
    for (HistoryRow row : reader.history(dataset)) {
      out.printf(
          Locale.ROOT,
          "  %-16s %-11s %-4s -> %-4s gen %-3d %-8s %s%n",
          time(row.decidedAt()),
          row.kind(),
          row.movedFrom() == null ? "-" : row.movedFrom(),
          row.toVersion(),
          row.generation(),
          row.outcome(),
          row.message());
    }
  }

  /**
   * The audit log, oldest first: each decision with its stage (from 1), its message and the
   * decisive evidence of each decision that has one.
   */
  public void events(String dataset, int limit) throws SQLException {
    out.println("rollout_event (" + dataset + ", oldest first)");
    List<EventRow> events = reader.events(dataset, limit);
    for (int i = events.size() - 1; i >= 0; i--) {
      EventRow e = events.get(i);
      out.printf(
          Locale.ROOT,
          "  #%-3d %-16s %-3s %-17s %7.2f%%  %-8s %-18s %s%n",
          e.sequence(),
          time(e.decidedAt()),
          e.candidateVersion(),
          e.kind(),
          e.exposureBasisPoints() / 100.0,
          e.stageIndex() < 0 ? "-" : "stage " + StageNumber.of(e.stageIndex()),
          e.reason(),
          e.actor());
      if (e.message() != null) {
        out.println("        " + e.message());
      }
      if (e.decisive() != null) {
        out.println("        " + evidence(e.decisive()));
      }
    }
  }

  /** The decisive gate's line; a value the gate did not compute (NaN, NULL) is left out. */
  private static String evidence(DecisiveEvidenceRow d) {
    StringBuilder line =
        new StringBuilder()
            .append(String.format(Locale.ROOT, "evidence %s (%s): ", d.gate(), d.method()))
            .append(
                String.format(Locale.ROOT, "%.4f vs threshold %.4f", d.statistic(), d.threshold()));
    if (!Double.isNaN(d.pValue())) {
      line.append(String.format(Locale.ROOT, ", p %.2e", d.pValue()));
    }
    if (d.candidateCount() != null) {
      long baseline = d.baselineCount() == null ? 0 : d.baselineCount();
      line.append(", ").append(EvidenceText.samples(d.candidateCount(), baseline));
    }
    return line.append(", window ")
        .append(time(d.windowStart()))
        .append(" to ")
        .append(time(d.windowEnd()))
        .toString();
  }

  private static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }
}
