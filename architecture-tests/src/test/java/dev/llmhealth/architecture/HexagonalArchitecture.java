package dev.llmhealth.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hexagon, described in the words of the architecture diagram and turned into ArchUnit rules.
 *
 * <p>Every package is named relative to one base package, so the very same description can be
 * checked against the real code and against small fixture trees that break it on purpose (which is
 * how the tests prove that each rule actually fails when it should).
 *
 * <p>Rules whose subject may legitimately be empty (adapters and app are optional in a fixture, and
 * may not exist yet while the project grows) allow an empty subject; the domain rules do not.
 */
public final class HexagonalArchitecture {

    /** Technology the domain must never touch, even where it lives under {@code java.*}. */
    static final List<String> INFRASTRUCTURE_PACKAGES = List.of(
            "java.sql..", "java.net.http..",
            "javax..", "jakarta..",
            "io.helidon..", "org.jooq..", "org.postgresql..", "com.zaxxer..", "redis.clients..",
            "io.prometheus..", "com.fasterxml..");

    /** Adapter classes with this name suffix are probes, and a probe is an out-port implementation. */
    static final String PROBE_SUFFIX = "Probe";

    private final String base;
    private String domain;
    private String incomingPorts;
    private String outgoingPorts;
    private String services;
    private String adapters;
    private final List<AdapterFamily> adapterFamilies = new ArrayList<>();
    private String configuration;
    private String embeddingRoot;

    private HexagonalArchitecture(String base) {
        this.base = Objects.requireNonNull(base);
    }

    public static HexagonalArchitecture basePackage(String basePackage) {
        return new HexagonalArchitecture(basePackage);
    }

    /** The inside of the hexagon: pure Java, knows nothing of the outside. */
    public HexagonalArchitecture withDomain(String relativePackage) {
        this.domain = qualified(relativePackage);
        return this;
    }

    /** Use cases the outside calls (queries and commands). */
    public HexagonalArchitecture withIncomingPorts(String relativePackage) {
        this.incomingPorts = qualified(relativePackage);
        return this;
    }

    /** What the domain needs from the outside; adapters implement these. */
    public HexagonalArchitecture withOutgoingPorts(String relativePackage) {
        this.outgoingPorts = qualified(relativePackage);
        return this;
    }

    /** Use-case implementations: reached by adapters only through the incoming ports. */
    public HexagonalArchitecture withServices(String relativePackage) {
        this.services = qualified(relativePackage);
        return this;
    }

    /** Each direct sub-package of this package is one adapter (e.g. {@code http}, {@code probes}). */
    public HexagonalArchitecture withAdapters(String relativePackage) {
        this.adapters = qualified(relativePackage);
        return this;
    }

    /**
     * An adapter made of separate adapters that must not know each other, e.g. {@code adapters.probes}
     * holding {@code postgres}, {@code redis} and {@code models}. Any other package in the family (say
     * {@code support}) is shared code: every member may use it, it may use no member.
     */
    public HexagonalArchitecture withAdapterFamily(String relativePackage, String... members) {
        if (members.length < 2) {
            throw new IllegalArgumentException("a family needs at least two member adapters");
        }
        this.adapterFamilies.add(new AdapterFamily(qualified(relativePackage), List.of(members)));
        return this;
    }

    /** The composition root: the only code that knows concrete adapters. */
    public HexagonalArchitecture withConfiguration(String relativePackage) {
        this.configuration = qualified(relativePackage);
        return this;
    }

    /**
     * The embeddable module: the one place the domain's services are constructed, which an embedding
     * host and the standalone composition root both build on. It may know adapters, as a composition root does.
     */
    public HexagonalArchitecture withEmbeddingRoot(String relativePackage) {
        this.embeddingRoot = qualified(relativePackage);
        return this;
    }

    // ---- the rules -------------------------------------------------------------------------

    public ArchRule domainUsesOnlyTheJavaPlatform() {
        return classes().that().resideInAPackage(inside(domain))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", inside(domain))
                .as("the domain depends only on java.* and on itself");
    }

    public ArchRule domainUsesNoInfrastructureApi() {
        return noClasses().that().resideInAPackage(inside(domain))
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE_PACKAGES.toArray(String[]::new))
                .as("the domain uses no JDBC, no HTTP client and no third-party library")
                .because("talking to the outside is what adapters are for");
    }

    public ArchRule domainKnowsNoAdapterAndNoConfiguration() {
        return noClasses().that().resideInAPackage(inside(domain))
                .should().dependOnClassesThat().resideInAnyPackage(inside(adapters), inside(configuration), inside(embeddingRoot))
                .as("the domain depends on no adapter and not on the composition root");
    }

    public ArchRule adaptersDoNotKnowEachOther() {
        return slices().matching(declared(adapters) + ".(*)..").namingSlices("adapter '$1'")
                .should().notDependOnEachOther()
                .allowEmptyShould(true)
                .as("adapters do not depend on each other");
    }

    public ArchRule adaptersOfAFamilyDoNotKnowEachOther() {
        if (adapterFamilies.isEmpty()) {
            throw new IllegalStateException("no adapter family declared");
        }
        List<ArchRule> perFamily = new ArrayList<>();
        for (AdapterFamily family : adapterFamilies) {
            perFamily.add(slices().assignedFrom(family.membersAsSlices())
                    .should().notDependOnEachOther()
                    .allowEmptyShould(true)
                    .as("the adapters " + family.members() + " in " + family.pkg() + " do not depend on each other"));
            perFamily.add(noClasses().that().resideInAPackage(inside(family.pkg()))
                    .and().resideOutsideOfPackages(family.memberPackages())
                    .should().dependOnClassesThat().resideInAnyPackage(family.memberPackages())
                    .allowEmptyShould(true)
                    .as("code shared in " + family.pkg() + " depends on none of " + family.members())
                    .because("otherwise it is a back door from one member adapter to another"));
        }
        return composite(perFamily);
    }

    public ArchRule onlyTheConfigurationKnowsConcreteAdapters() {
        return noClasses().that().resideOutsideOfPackages(inside(configuration), inside(embeddingRoot), inside(adapters))
                .should().dependOnClassesThat().resideInAPackage(inside(adapters))
                .allowEmptyShould(true)
                .as("only the composition root depends on concrete adapters");
    }

    public ArchRule nothingDependsOnTheConfiguration() {
        return noClasses().that().resideOutsideOfPackage(inside(configuration))
                .should().dependOnClassesThat().resideInAPackage(inside(configuration))
                .allowEmptyShould(true)
                .as("nothing but the composition root itself depends on the composition root");
    }

    /**
     * Services are constructed in the domain itself and in the embedding root, nowhere else: one wiring,
     * so a host and the app never drift apart. The in-memory history is an out-port implementation a
     * host may pick itself.
     */
    public ArchRule servicesAreWiredOnlyByTheEmbeddingRoot() {
        String servicesPackage = declared(services);
        return noClasses().that().resideOutsideOfPackages(inside(domain), inside(embeddingRoot))
                .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("a domain service's constructor") {
                    @Override
                    public boolean test(JavaConstructorCall call) {
                        JavaClass owner = call.getTargetOwner();
                        return (owner.getPackageName().equals(servicesPackage) || owner.getPackageName().startsWith(servicesPackage + "."))
                                && !owner.getSimpleName().equals("InMemoryHealthHistory");
                    }
                })
                .allowEmptyShould(true)
                .as("only the embedding root constructs the domain's services")
                .because("two wirings drift apart (the embedding path once lost passive health, rechecks and the budget)");
    }

    public ArchRule portsAreInterfaces() {
        // Nested and anonymous classes are allowed: e.g. a NOT_CONFIGURED constant implemented in place.
        return classes().that().resideInAnyPackage(inside(incomingPorts), inside(outgoingPorts))
                .and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beInterfaces()
                .as("every port is an interface");
    }

    public ArchRule probeAdaptersImplementOutgoingPorts() {
        return classes().that().resideInAPackage(inside(adapters))
                .and().haveSimpleNameEndingWith(PROBE_SUFFIX)
                .and().areTopLevelClasses()
                .and().areNotInterfaces()
                .should().implement(resideInAPackage(inside(outgoingPorts)).as("an outgoing port"))
                .allowEmptyShould(true)
                .as("adapter classes named *" + PROBE_SUFFIX + " implement an outgoing port");
    }

    public ArchRule adaptersUseTheDomainThroughPorts() {
        return noClasses().that().resideInAPackage(inside(adapters))
                .should().dependOnClassesThat().resideInAPackage(inside(services))
                .allowEmptyShould(true)
                .as("adapters do not depend on the domain's services")
                .because("adapters drive incoming ports; only the composition root picks the implementations");
    }

    public ArchRule packagesAreFreeOfCycles() {
        return slices().matching(base + ".(**)").namingSlices("package '$1'")
                .should().beFreeOfCycles()
                .as("no package cycles");
    }

    /** Every rule above, in the order the architecture is usually explained. */
    public List<ArchRule> rules() {
        List<ArchRule> rules = new ArrayList<>(List.of(
                domainUsesOnlyTheJavaPlatform(),
                domainUsesNoInfrastructureApi(),
                domainKnowsNoAdapterAndNoConfiguration(),
                portsAreInterfaces(),
                adaptersDoNotKnowEachOther()));
        if (!adapterFamilies.isEmpty()) {
            rules.add(adaptersOfAFamilyDoNotKnowEachOther());
        }
        rules.addAll(List.of(
                adaptersUseTheDomainThroughPorts(),
                probeAdaptersImplementOutgoingPorts(),
                onlyTheConfigurationKnowsConcreteAdapters(),
                servicesAreWiredOnlyByTheEmbeddingRoot(),
                nothingDependsOnTheConfiguration(),
                packagesAreFreeOfCycles()));
        return List.copyOf(rules);
    }

    /** Checks every rule and reports all violations together, not just the first broken rule. */
    public void check(JavaClasses classes) {
        composite(rules()).check(classes);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private String qualified(String relativePackage) {
        return base + "." + relativePackage;
    }

    private static String inside(String qualifiedPackage) {
        return declared(qualifiedPackage) + "..";
    }

    private static String declared(String qualifiedPackage) {
        if (qualifiedPackage == null) {
            throw new IllegalStateException(
                    "declare domain, incoming ports, outgoing ports, services, adapters and configuration first");
        }
        return qualifiedPackage;
    }

    private record AdapterFamily(String pkg, List<String> members) {

        String[] memberPackages() {
            return members.stream().map(member -> inside(pkg + "." + member)).toArray(String[]::new);
        }

        SliceAssignment membersAsSlices() {
            return new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    for (String member : members) {
                        String memberPackage = pkg + "." + member;
                        String classPackage = javaClass.getPackageName();
                        if (classPackage.equals(memberPackage) || classPackage.startsWith(memberPackage + ".")) {
                            return SliceIdentifier.of("adapter '" + member + "'");
                        }
                    }
                    return SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "the adapters " + members + " in " + pkg;
                }
            };
        }
    }

    private static ArchRule composite(List<ArchRule> rules) {
        CompositeArchRule all = CompositeArchRule.of(rules.get(0));
        for (ArchRule rule : rules.subList(1, rules.size())) {
            all = all.and(rule);
        }
        return all;
    }
}
