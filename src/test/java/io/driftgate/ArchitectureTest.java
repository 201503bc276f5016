package io.driftgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The deciding core is plain Java: Flink only adapts it, so a decision is testable without it. */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.driftgate");

  @Test
  void coreDoesNotDependOnFlink() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.driftgate.contract..",
            "io.driftgate.profile..",
            "io.driftgate.drift..",
            "io.driftgate.routing..",
            "io.driftgate.rollout..",
            "io.driftgate.gate..",
            "io.driftgate.outcome..",
            "io.driftgate.store..",
            "io.driftgate.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.flink..")
        .because("the core decides; the job layer only adapts it to Flink")
        .check(MAIN);
  }
}
