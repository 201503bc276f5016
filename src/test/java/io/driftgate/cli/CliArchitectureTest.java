package io.driftgate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only {@link FlinkJobLauncher} touches Flink, so {@code rollout}, {@code status} and {@code
 * resolve} run from the shaded jar with a plain {@code java -jar}, where Flink's jars are absent.
 */
class CliArchitectureTest {

  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.driftgate.cli");

  @Test
  void onlyTheJobLauncherDependsOnFlink() {
    noClasses()
        .that()
        .resideInAPackage("io.driftgate.cli")
        .and()
        .doNotHaveSimpleName("FlinkJobLauncher")
        .and()
        .doNotHaveFullyQualifiedName(FlinkJobLauncher.Job.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "io.driftgate.job..")
        .because("the operator's commands must work without Flink on the class path")
        .check(CLI);
  }
}
