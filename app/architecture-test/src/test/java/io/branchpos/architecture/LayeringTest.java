package io.branchpos.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN.md and decision 0001. Every BranchPOS module's production
 * classes are on this module's class path, so one test sees them all.
 */
@AnalyzeClasses(packages = "io.branchpos", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule domainUsesTheJdkOnly = classes().that().resideInAPackage("io.branchpos.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.branchpos.domain..", "java.lang..", "java.util..",
                    "java.math..", "java.time..", "java.text..", "java.io..", "java.nio.charset..", "java.security..")
            .because("domain is pure business rules: no framework, no UI, no database, no files");

    @ArchTest
    static final ArchRule javafxOnlyInDesktop = noClasses().that().resideOutsideOfPackage("io.branchpos.desktop..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
            .because("JavaFX belongs to the desktop module only");

    @ArchTest
    static final ArchRule persistenceOnlyInStore = noClasses().that().resideOutsideOfPackage("io.branchpos.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..", "org.h2..")
            .because("Hibernate/JPA/H2 belong to the store module only");

    @ArchTest
    static final ArchRule okHttpOnlyInSyncClient = noClasses().that()
            .resideOutsideOfPackage("io.branchpos.sync.client..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
            .because("OkHttp belongs to the sync client only");

    @ArchTest
    static final ArchRule serverLibrariesOnlyInServer = noClasses().that()
            .resideOutsideOfPackage("io.branchpos.sync.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "com.zaxxer..", "org.postgresql..",
                    "io.zonky..")
            .because("Javalin, HikariCP and PostgreSQL belong to the central server only");

    @ArchTest
    static final ArchRule serialAndBarcodeLibrariesOnlyInHardware = noClasses().that()
            .resideOutsideOfPackage("io.branchpos.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fazecast..", "com.google.zxing..")
            .because("jSerialComm and ZXing belong to the hardware module only");

    @ArchTest
    static final ArchRule storeDoesNotKnowTheUiOrSync = noClasses().that().resideInAPackage("io.branchpos.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.branchpos.desktop..", "io.branchpos.sync..",
                    "io.branchpos.hardware..");

    @ArchTest
    static final ArchRule syncDoesNotKnowTheApp = noClasses().that().resideInAPackage("io.branchpos.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("io.branchpos.desktop..", "io.branchpos.store..",
                    "io.branchpos.domain..", "io.branchpos.hardware..")
            .because("sync meets the app only through its port interfaces");

    @ArchTest
    static final ArchRule syncClientAndServerAreIndependent = noClasses().that()
            .resideInAPackage("io.branchpos.sync.client..")
            .should().dependOnClassesThat().resideInAPackage("io.branchpos.sync.server..");

    @ArchTest
    static final ArchRule hardwareStandsAlone = noClasses().that().resideInAPackage("io.branchpos.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage("io.branchpos.desktop..", "io.branchpos.store..",
                    "io.branchpos.sync..");

    @ArchTest
    static final ArchRule noFloatingPointInDomain = fields().that().areDeclaredInClassesThat()
            .resideInAPackage("io.branchpos.domain..")
            .should().notHaveRawType(double.class).andShould().notHaveRawType(float.class)
            .andShould().notHaveRawType(Double.class).andShould().notHaveRawType(Float.class)
            .because("money and quantities are exact (decision 0003)");

    @ArchTest
    static final ArchRule loggingThroughSlf4jNotSystemOut = noClasses().that()
            .resideInAPackage("io.branchpos..")
            // command-line entry points (and their nested command classes) print to their terminal
            .and().haveNameNotMatching(".*\\.(Main|ServerMain|EscPosTool)(\\$.*)?")
            .should().accessField(System.class, "out")
            .because("logs go through SLF4J; only command-line entry points print");
}
