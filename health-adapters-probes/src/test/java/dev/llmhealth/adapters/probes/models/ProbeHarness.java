package dev.llmhealth.adapters.probes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProbeMode;
import dev.llmhealth.domain.model.ProbeResult;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.out.ProbeSpend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Probes one endpoint at a time through the dispatcher the app uses, recording the tokens each probe reports spent. */
final class ProbeHarness implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String DEPLOYMENT = "deployment-1";

    record Spent(long inputTokens, long outputTokens) {
    }

    private final List<Spent> spent = new CopyOnWriteArrayList<>();
    private final ProbeSpend spend = (deployment, in, out, cost) -> spent.add(new Spent(in, out));
    private ProviderProbes probes;

    ProbeResult probe(ProviderEndpoint endpoint, ProbeMode mode) {
        close();
        probes = ProviderProbes.create(Map.of(DEPLOYMENT, endpoint), SecretRedactor.shapesOnly(), OutboundHttp.direct(), spend);
        return probes.probe(new Deployment(DEPLOYMENT, "group", endpoint.apiBase(), mode), TIMEOUT);
    }

    List<Spent> spent() {
        return List.copyOf(spent);
    }

    /** The result is unhealthy of this kind, and its message shows neither fake key. */
    static ProbeResult.Unhealthy assertUnhealthy(ErrorKind kind, ProbeResult result) {
        var unhealthy = assertInstanceOf(ProbeResult.Unhealthy.class, result);
        assertEquals(kind, unhealthy.kind(), unhealthy.message());
        assertFalse(unhealthy.message().contains(ApiFake.KEY) || unhealthy.message().contains(ApiFake.WRONG_KEY),
                "a key leaked into the message");
        return unhealthy;
    }

    @Override
    public void close() {
        if (probes != null) {
            probes.close();
            probes = null;
        }
    }
}
