package io.driftgate.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The formats are plain Java so the CLI and tests can use them without a Flink runtime. */
class WireArchitectureTest {

  @Test
  void wireDoesNotDependOnFlink() {
    noClasses()
        .that()
        .resideInAPackage("io.driftgate.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.flink..")
        .because("the CLI publishes commands with these codecs and has no Flink on its classpath")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.driftgate.wire"));
  }
}
