package bench.jmh;

import dev.llmhealth.adapters.http.HealthResponses;
import dev.llmhealth.adapters.http.HttpAnswer;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.DeploymentHealth;
import dev.llmhealth.domain.model.DeploymentState;
import dev.llmhealth.domain.model.EvidenceSource;
import dev.llmhealth.domain.model.HealthSnapshot;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProxyHealth;
import dev.llmhealth.domain.model.ServiceHealth;
import dev.llmhealth.domain.model.ServiceName;
import dev.llmhealth.domain.policy.AggregationPolicy;
import dev.llmhealth.domain.port.in.GetProxyHealthQuery;
import dev.llmhealth.domain.service.HealthQueryService;
import dev.llmhealth.domain.service.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work between a published snapshot and the bytes a request gets, at 10..10,000 deployments:
 * <ul>
 *   <li>{@code aggregate}: {@link AggregationPolicy#evaluate}, once per snapshot;</li>
 *   <li>{@code render}: {@link HealthResponses#health()} when the view is new, i.e. the JSON serialization
 *       of {@code /health}, once per snapshot (two equal views alternate, so the render cache always misses);</li>
 *   <li>{@code serve}: {@link HealthResponses#health()} as a request calls it, through the real
 *       {@link HealthQueryService} and render cache: what every request pays. It should not grow with
 *       the number of deployments.</li>
 * </ul>
 * A tenth of the deployments is unhealthy, with an error message, as a real fleet might be.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SnapshotPathBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int deployments;

    private HealthSnapshot snapshot;
    private AggregationPolicy policy;
    private Instant startedAt;
    private Instant now;
    private HealthResponses rendering;
    private HealthResponses serving;

    /** Hands out two equal views in turn, so every call is a new view to the render cache. */
    private static final class Alternating implements GetProxyHealthQuery {
        private final ProxyHealth first;
        private final ProxyHealth second;
        private boolean flip;

        Alternating(ProxyHealth first, ProxyHealth second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public ProxyHealth proxyHealth() {
            flip = !flip;
            return flip ? first : second;
        }
    }

    @Setup
    public void setUp() {
        Instant checked = Instant.now();
        List<DeploymentHealth> verdicts = new ArrayList<>(deployments);
        for (int i = 0; i < deployments; i++) {
            Deployment deployment = new Deployment(String.format("%016x", 0x5eed0000L + i), "bench-model-" + i,
                    "http://10.0.%d.%d:8000/v1".formatted(i / 250, i % 250), ProbeMode.MODELS);
            boolean healthy = i % 10 != 9;
            verdicts.add(new DeploymentHealth(deployment, healthy ? DeploymentState.HEALTHY : DeploymentState.UNHEALTHY,
                    EvidenceSource.PROBE, checked, checked.minusSeconds(3600),
                    healthy ? Optional.empty() : Optional.of("HTTP 500 from upstream: upstream exploded"), Optional.empty(),
                    healthy ? 0 : 3, healthy ? 12 : 0, Optional.of(checked.minusSeconds(healthy ? 0 : 900))));
        }
        snapshot = new HealthSnapshot(checked, ServiceHealth.connected(1.87), true, ServiceHealth.connected(0.42),
                deployments, verdicts, Optional.of(checked));
        policy = new AggregationPolicy(Set.of(ServiceName.DATABASE), Duration.ofHours(1));
        startedAt = checked.minusSeconds(60);
        now = checked.plusSeconds(1);

        HealthQueryService queries = new HealthQueryService(new SnapshotStore(snapshot), policy, Clock.systemUTC());
        serving = new HealthResponses(queries, queries, queries, queries, queries, "1.50.0");
        rendering = new HealthResponses(new Alternating(policy.evaluate(snapshot, startedAt, now),
                policy.evaluate(snapshot, startedAt, now)), queries, queries, queries, queries, "1.50.0");
        if (rendering.health().body().length != serving.health().body().length) {
            throw new IllegalStateException("the rendered and the served /health differ");
        }
    }

    @Benchmark
    public ProxyHealth aggregate() {
        return policy.evaluate(snapshot, startedAt, now);
    }

    @Benchmark
    public HttpAnswer render() {
        return rendering.health();
    }

    @Benchmark
    public HttpAnswer serve() {
        return serving.health();
    }
}
