package dev.llmhealth.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real code of every module, checked against the hexagon. */
class DependencyRuleTests {

    private static final HexagonalArchitecture ARCHITECTURE =
            LlmHealthArchitecture.under(LlmHealthArchitecture.PRODUCTION_BASE_PACKAGE);

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/dev/llmhealth/archfixture/"))
                .importPackages(LlmHealthArchitecture.PRODUCTION_BASE_PACKAGE);
    }

    @Test
    void the_domain_module_is_really_on_the_classpath() {
        // Guards against rules passing vacuously because nothing was imported.
        long domainClasses = production.stream()
                .filter(c -> c.getPackageName().startsWith("dev.llmhealth.domain"))
                .count();
        assertTrue(domainClasses > 10, "only " + domainClasses + " domain classes were imported");
    }

    @Test
    void the_whole_architecture_holds() {
        ARCHITECTURE.check(production);
    }

    @Test
    void the_domain_depends_only_on_the_java_platform() {
        ARCHITECTURE.domainUsesOnlyTheJavaPlatform().check(production);
    }

    @Test
    void the_domain_uses_no_infrastructure_api() {
        ARCHITECTURE.domainUsesNoInfrastructureApi().check(production);
    }

    @Test
    void the_domain_knows_no_adapter_and_no_composition_root() {
        ARCHITECTURE.domainKnowsNoAdapterAndNoConfiguration().check(production);
    }

    @Test
    void only_the_embedding_root_constructs_the_domain_services() {
        ARCHITECTURE.servicesAreWiredOnlyByTheEmbeddingRoot().check(production);
    }

    @Test
    void ports_are_interfaces() {
        ARCHITECTURE.portsAreInterfaces().check(production);
    }

    @Test
    void adapters_do_not_know_each_other() {
        ARCHITECTURE.adaptersDoNotKnowEachOther().check(production);
    }

    @Test
    void probe_adapters_do_not_know_each_other() {
        ARCHITECTURE.adaptersOfAFamilyDoNotKnowEachOther().check(production);
    }

    @Test
    void adapters_reach_the_domain_through_ports() {
        ARCHITECTURE.adaptersUseTheDomainThroughPorts().check(production);
    }

    @Test
    void probes_implement_outgoing_ports() {
        ARCHITECTURE.probeAdaptersImplementOutgoingPorts().check(production);
    }

    @Test
    void only_the_composition_root_knows_concrete_adapters() {
        ARCHITECTURE.onlyTheConfigurationKnowsConcreteAdapters().check(production);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        ARCHITECTURE.nothingDependsOnTheConfiguration().check(production);
    }

    @Test
    void there_are_no_package_cycles() {
        ARCHITECTURE.packagesAreFreeOfCycles().check(production);
    }
}
