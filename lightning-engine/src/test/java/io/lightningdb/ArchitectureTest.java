package io.lightningdb;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Rules of DESIGN.md §2 and §8 that the compiler cannot check, over the engine's main classes. */
@AnalyzeClasses(packages = "io.lightningdb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The engine must stay usable without Spring; Spring integration lives in its own modules. */
    @ArchTest
    static final ArchRule engineDoesNotDependOnSpring = noClasses()
            .that()
            .resideInAPackage("io.lightningdb..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    /** Library code logs through SLF4J; printing would pollute the host application's output. */
    @ArchTest
    static final ArchRule engineDoesNotPrint = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    /** Users can only name public API types, so public API signatures must not mention internal ones. */
    @ArchTest
    static final ArchRule publicApiDoesNotExposeInternals = noCodeUnits()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.lightningdb")
            .and()
            .arePublic()
            .should()
            .haveRawReturnType(
                    describe("an internal type", type -> type.getPackageName().contains(".internal")))
            .orShould()
            .haveRawParameterTypes(describe(
                    "internal types",
                    types -> types.stream().anyMatch(t -> t.getPackageName().contains(".internal"))));
}
