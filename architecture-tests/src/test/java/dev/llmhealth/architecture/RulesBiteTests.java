package dev.llmhealth.architecture;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.llmhealth.archfixture.violating.adapters.http.CallsServiceDirectly;
import dev.llmhealth.archfixture.violating.adapters.http.ReadsAppSettings;
import dev.llmhealth.archfixture.violating.adapters.http.ShowsPostgresDetails;
import dev.llmhealth.archfixture.violating.adapters.probes.models.RendersHttpView;
import dev.llmhealth.archfixture.violating.adapters.probes.models.UnportedModelProbe;
import dev.llmhealth.archfixture.violating.adapters.probes.postgres.PostgresServiceProbe;
import dev.llmhealth.archfixture.violating.adapters.probes.redis.RedisCacheProbe;
import dev.llmhealth.archfixture.violating.adapters.probes.support.KnowsPostgres;
import dev.llmhealth.archfixture.violating.app.Wiring;
import dev.llmhealth.archfixture.violating.app.WiresServicesItself;
import dev.llmhealth.archfixture.violating.domain.model.Budget;
import dev.llmhealth.archfixture.violating.domain.model.ReadsJdbc;
import dev.llmhealth.archfixture.violating.domain.model.WritesJson;
import dev.llmhealth.archfixture.violating.domain.policy.BudgetRule;
import dev.llmhealth.archfixture.violating.domain.port.in.AbstractQuery;
import dev.llmhealth.archfixture.violating.domain.port.out.ProbeSettings;
import dev.llmhealth.archfixture.violating.domain.port.out.ServiceProbe;
import dev.llmhealth.archfixture.violating.domain.service.CallsHttpClient;
import dev.llmhealth.archfixture.violating.domain.service.KnowsRedisAdapter;
import dev.llmhealth.archfixture.violating.domain.service.KnowsTheApp;
import dev.llmhealth.archfixture.violating.support.LeaksPostgresAdapter;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Proves each rule bites: the same rules, pointed at a fixture tree that breaks them on purpose,
 * must fail and name the offending class; pointed at a fixture tree that follows them, must pass.
 */
class RulesBiteTests {

    private static final String VIOLATING = "dev.llmhealth.archfixture.violating";
    private static final String COMPLIANT = "dev.llmhealth.archfixture.compliant";

    private static final HexagonalArchitecture BROKEN = LlmHealthArchitecture.under(VIOLATING);
    private static final HexagonalArchitecture SOUND = LlmHealthArchitecture.under(COMPLIANT);

    private static JavaClasses violatingClasses;
    private static JavaClasses compliantClasses;

    @BeforeAll
    static void importFixtures() {
        violatingClasses = new ClassFileImporter().importPackages(VIOLATING);
        compliantClasses = new ClassFileImporter().importPackages(COMPLIANT);
    }

    @Test
    void a_domain_class_using_a_library_breaks_java_only() {
        String message = violationsOf(BROKEN.domainUsesOnlyTheJavaPlatform());
        assertNames(message, WritesJson.class, KnowsRedisAdapter.class, KnowsTheApp.class);
        // JDBC is java.*: that is why the infrastructure rule below exists.
        assertDoesNotName(message, ReadsJdbc.class, Budget.class);
    }

    @Test
    void a_domain_class_using_jdbc_http_client_or_jackson_breaks_no_infrastructure() {
        String message = violationsOf(BROKEN.domainUsesNoInfrastructureApi());
        assertNames(message, ReadsJdbc.class, CallsHttpClient.class, WritesJson.class);
        assertDoesNotName(message, Budget.class, KnowsTheApp.class);
    }

    @Test
    void a_domain_class_using_an_adapter_or_the_app_breaks_domain_isolation() {
        String message = violationsOf(BROKEN.domainKnowsNoAdapterAndNoConfiguration());
        assertNames(message, KnowsRedisAdapter.class, KnowsTheApp.class);
        assertDoesNotName(message, WritesJson.class);
    }

    @Test
    void a_class_or_record_in_a_port_package_breaks_ports_are_interfaces() {
        String message = violationsOf(BROKEN.portsAreInterfaces());
        assertNames(message, AbstractQuery.class, ProbeSettings.class);
        // An interface with an anonymous NOT_CONFIGURED constant and a nested record is fine.
        assertFalse(message.contains(ServiceProbe.class.getName() + "$"), message);
        assertDoesNotName(message, ServiceProbe.class);
    }

    @Test
    void the_http_adapter_and_the_probes_using_each_other_breaks_adapter_independence() {
        String message = violationsOf(BROKEN.adaptersDoNotKnowEachOther());
        assertNames(message, ShowsPostgresDetails.class, RendersHttpView.class);
    }

    @Test
    void one_probe_adapter_using_a_sibling_directly_or_via_shared_code_breaks_probe_independence() {
        String message = violationsOf(BROKEN.adaptersOfAFamilyDoNotKnowEachOther());
        assertNames(message, RedisCacheProbe.class, KnowsPostgres.class);
        assertDoesNotName(message, ShowsPostgresDetails.class);
    }

    @Test
    void an_adapter_calling_a_service_class_breaks_adapters_use_ports() {
        String message = violationsOf(BROKEN.adaptersUseTheDomainThroughPorts());
        assertNames(message, CallsServiceDirectly.class);
    }

    @Test
    void a_probe_implementing_no_out_port_breaks_probes_implement_ports() {
        String message = violationsOf(BROKEN.probeAdaptersImplementOutgoingPorts());
        assertNames(message, UnportedModelProbe.class);
        assertDoesNotName(message, PostgresServiceProbe.class, RedisCacheProbe.class);
    }

    @Test
    void a_class_outside_the_app_using_a_concrete_adapter_breaks_only_app_knows_adapters() {
        String message = violationsOf(BROKEN.onlyTheConfigurationKnowsConcreteAdapters());
        assertNames(message, LeaksPostgresAdapter.class, KnowsRedisAdapter.class);
        assertDoesNotName(message, Wiring.class);
    }

    @Test
    void the_app_constructing_a_domain_service_itself_breaks_one_wiring() {
        String message = violationsOf(BROKEN.servicesAreWiredOnlyByTheEmbeddingRoot());
        assertNames(message, WiresServicesItself.class);
        assertDoesNotName(message, Wiring.class);
    }

    @Test
    void an_adapter_or_domain_class_using_the_app_breaks_nothing_depends_on_the_app() {
        String message = violationsOf(BROKEN.nothingDependsOnTheConfiguration());
        assertNames(message, ReadsAppSettings.class, KnowsTheApp.class);
    }

    @Test
    void model_and_policy_using_each_other_is_a_package_cycle() {
        String message = violationsOf(BROKEN.packagesAreFreeOfCycles());
        assertNames(message, Budget.class, BudgetRule.class);
    }

    @Test
    void the_whole_check_reports_violations_of_every_rule_at_once() {
        String message = message(() -> BROKEN.check(violatingClasses));
        assertNames(message, ReadsJdbc.class, AbstractQuery.class, RedisCacheProbe.class,
                UnportedModelProbe.class, LeaksPostgresAdapter.class, BudgetRule.class);
    }

    @Test
    void a_hexagon_that_follows_the_rules_passes_every_one_of_them() {
        assertAll(SOUND.rules().stream()
                .map(rule -> (Executable) () -> rule.check(compliantClasses)));
        SOUND.check(compliantClasses);
    }

    @Test
    void a_hexagon_without_adapters_or_app_still_passes() {
        // The adapter and app modules may be empty while the project grows.
        JavaClasses domainOnly = new ClassFileImporter().importPackages(COMPLIANT + ".domain");
        SOUND.check(domainOnly);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static String violationsOf(ArchRule rule) {
        return message(() -> rule.check(violatingClasses));
    }

    private static String message(Executable check) {
        return assertThrows(AssertionError.class, check, "the rule should have reported a violation").getMessage();
    }

    private static void assertNames(String message, Class<?>... offenders) {
        assertAll(Arrays.stream(offenders).map(offender -> (Executable) () ->
                assertTrue(message.contains(offender.getName()), expected(offender, "named", message))));
    }

    private static void assertDoesNotName(String message, Class<?>... innocents) {
        // "<name>" and "<name>.member" are how ArchUnit names a class; "$" would be a nested class.
        assertAll(Arrays.stream(innocents).map(innocent -> (Executable) () ->
                assertFalse(message.contains("<" + innocent.getName() + ">")
                                || message.contains("<" + innocent.getName() + "."),
                        expected(innocent, "not named", message))));
    }

    private static Supplier<String> expected(Class<?> type, String what, String message) {
        return () -> type.getSimpleName() + " should be " + what + " in:\n" + message;
    }
}
