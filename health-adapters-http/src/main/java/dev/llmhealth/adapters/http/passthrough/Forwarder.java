package dev.llmhealth.adapters.http.passthrough;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.adapters.http.ClientError;
import dev.llmhealth.adapters.http.ClientErrors;
import dev.llmhealth.domain.model.Deployment;
import dev.llmhealth.domain.model.ErrorKind;
import dev.llmhealth.domain.model.ProxyRequestOutcome;
import dev.llmhealth.domain.model.TrafficOutcome;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.in.GetRoutableDeploymentsQuery;
import dev.llmhealth.domain.port.in.RecordTrafficUseCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forwards one OpenAI API call to a deployment of the requested model group: the routable ones in
 * turn, the next one when a deployment is down, busy or misconfigured (no answer, 5xx, 429, 401,
 * 403, 404, 408, or a success that is not JSON). A streamed answer is passed on as it arrives and
 * can fail over only before its first byte. Every call and the request as a whole are reported to
 * the traffic use case, which counts them and applies passive health.
 */
final class Forwarder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    /** How one deployment's attempt ended. */
    private sealed interface Attempt {
    }

    /**
     * The client gets this answer (a success, or a client error that no other deployment would answer differently).
     *
     * @param finish sends it (or ends the stream): run once the request is counted, so a client that reads the metrics after its answer sees it
     */
    private record Answered(Deployment servedBy, int status, Optional<ErrorKind> error, Runnable finish) implements Attempt {
    }

    /** Worth trying the next deployment; {@code body} is the upstream's error body, if it answered at all. */
    private record Failed(Deployment deployment, int status, ErrorKind kind, byte[] body, String reason) implements Attempt {
    }

    private final Map<String, UpstreamTarget> targets;
    private final Set<String> modelGroups;
    private final GetRoutableDeploymentsQuery routing;
    private final RecordTrafficUseCase traffic;
    private final UpstreamClient upstream;
    private final SecretRedactor redactor;
    private final RoundRobin roundRobin = new RoundRobin();
    private final ClientErrors clientErrors;

    /** @param targets the deployments that speak the OpenAI API, by deployment id */
    Forwarder(Map<String, UpstreamTarget> targets, Set<String> modelGroups, GetRoutableDeploymentsQuery routing,
              RecordTrafficUseCase traffic, UpstreamClient upstream, SecretRedactor redactor, ClientErrors clientErrors) {
        this.clientErrors = clientErrors;
        this.targets = Map.copyOf(targets);
        this.modelGroups = Set.copyOf(modelGroups);
        this.routing = routing;
        this.traffic = traffic;
        this.upstream = upstream;
        this.redactor = redactor;
    }

    void forward(ApiCall call, byte[] requestBody, ClientResponse client) {
        long start = System.nanoTime();
        ObjectNode request = parse(requestBody);
        if (request == null || !request.path("model").isTextual()) {
            reject(client, start, "", 400, "the body must be a JSON object with a \"model\"");
            return;
        }
        String model = request.path("model").asText();
        if (!modelGroups.contains(model)) {
            reject(client, start, model, 400, "Invalid model name passed in model=" + shorten(model));
            return;
        }
        List<Deployment> order = roundRobin.order(model, routing.routable(model).stream().filter(d -> targets.containsKey(d.id())).toList());
        if (order.isEmpty()) {
            reject(client, start, model, 503, "No healthy deployment of model=" + model + " can take the call now");
            return;
        }
        boolean stream = call == ApiCall.CHAT_COMPLETIONS && request.path("stream").asBoolean(false);
        Failed last = null;
        for (Deployment deployment : order) {
            UpstreamTarget target = targets.get(deployment.id());
            request.put("model", target.entry().forwardedModel());
            Attempt attempt = stream
                    ? tryStreaming(deployment, target, call, write(request), model, client)
                    : tryBuffered(deployment, target, call, write(request), model, client);
            if (attempt instanceof Answered answered) {
                traffic.recordRequest(new ProxyRequestOutcome(model, Optional.of(answered.servedBy().id()), answered.status(),
                        answered.error(), since(start)));
                answered.finish().run();
                return;
            }
            last = (Failed) attempt;
        }
        answerFailure(client, start, model, last);
    }

    private Attempt tryBuffered(Deployment deployment, UpstreamTarget target, ApiCall call, byte[] body, String model,
                                ClientResponse client) {
        long callStart = System.nanoTime();
        return switch (upstream.buffered(target, call, body)) {
            case UpstreamReply.NoAnswer none -> noAnswer(deployment, model, none, callStart);
            case UpstreamReply.Buffered answer -> answered(deployment, target, model, answer, callStart, client);
            case UpstreamReply.Streaming unexpected -> throw new IllegalStateException("a buffered call streamed");
        };
    }

    private Attempt tryStreaming(Deployment deployment, UpstreamTarget target, ApiCall call, byte[] body, String model,
                                 ClientResponse client) {
        long callStart = System.nanoTime();
        return switch (upstream.streaming(target, call, body)) {
            case UpstreamReply.NoAnswer none -> noAnswer(deployment, model, none, callStart);
            case UpstreamReply.Streaming answer when isSuccess(answer.status()) && answer.contentType().contains("text/event-stream") ->
                    pipe(deployment, target, model, answer, callStart, client);
            case UpstreamReply.Streaming answer -> {
                // an error, or a server that ignored "stream": handled like any whole answer
                byte[] whole = readUpTo(answer.body(), isSuccess(answer.status()) ? Integer.MAX_VALUE : MAX_ERROR_BODY_BYTES);
                yield answered(deployment, target, model, new UpstreamReply.Buffered(answer.status(), answer.contentType(), whole),
                        callStart, client);
            }
            case UpstreamReply.Buffered unexpected -> throw new IllegalStateException("a streamed call was buffered");
        };
    }

    private Attempt noAnswer(Deployment deployment, String model, UpstreamReply.NoAnswer none, long callStart) {
        traffic.recordCall(TrafficOutcome.failed(deployment.id(), model, 0, none.kind(), since(callStart)));
        return new Failed(deployment, 0, none.kind(), null, none.reason());
    }

    private Attempt answered(Deployment deployment, UpstreamTarget target, String model, UpstreamReply.Buffered answer,
                             long callStart, ClientResponse client) {
        Duration latency = since(callStart);
        int status = answer.status();
        if (!isSuccess(status)) {
            ErrorKind kind = UpstreamFailures.kindOf(status);
            traffic.recordCall(TrafficOutcome.failed(deployment.id(), model, status, kind, latency));
            if (UpstreamFailures.worthFailingOver(status)) {
                return new Failed(deployment, status, kind, answer.body(), "HTTP " + status);
            }
            byte[] error = OpenAiErrors.fromUpstream(status, answer.body(), model, redactor);
            return new Answered(deployment, status, Optional.of(kind),
                    () -> client.send(status, OpenAiErrors.JSON, headers(target, Optional.empty()), error));
        }
        JsonNode json = parseAny(answer.body());
        if (json == null) {
            traffic.recordCall(TrafficOutcome.failed(deployment.id(), model, status, ErrorKind.MALFORMED_RESPONSE, latency));
            return new Failed(deployment, status, ErrorKind.MALFORMED_RESPONSE, null, "HTTP " + status + " with a body that is not JSON");
        }
        TokenUsage usage = TokenUsage.of(json);
        double cost = target.entry().cost(usage.inputTokens(), usage.outputTokens());
        traffic.recordCall(TrafficOutcome.succeeded(deployment.id(), model, status, latency, Optional.empty(),
                usage.inputTokens(), usage.outputTokens(), cost));
        return new Answered(deployment, status, Optional.empty(),
                () -> client.send(status, answer.contentType(), headers(target, Optional.of(cost)), answer.body()));
    }

    /**
     * Passes the event stream on as it arrives; the call is counted once the stream ends, or once the client left
     * (then as the success it was up to there, with the tokens streamed so far: the client's leaving is not the
     * deployment's failure).
     */
    private Attempt pipe(Deployment deployment, UpstreamTarget target, String model, UpstreamReply.Streaming answer,
                         long callStart, ClientResponse client) {
        OutputStream out = client.stream(answer.status(), answer.contentType(), headers(target, Optional.empty()));
        EventStreamRelay.Relayed relayed = EventStreamRelay.relay(answer.body(), out, callStart);
        Duration latency = since(callStart);
        if (relayed.upstreamBroke()) {
            traffic.recordCall(TrafficOutcome.failed(deployment.id(), model, 0, ErrorKind.UNKNOWN, latency));
            return new Answered(deployment, answer.status(), Optional.of(ErrorKind.UNKNOWN), () -> EventStreamRelay.end(out));
        }
        if (relayed.clientLeft()) {
            // the upstream's stream is closed already (no tokens spent for nobody); the deployment did nothing wrong
            clientErrors.record(ClientError.CLIENT_DISCONNECTED, "the client left a streamed completion before its end");
        }
        TokenUsage tokens = relayed.usage();
        traffic.recordCall(TrafficOutcome.succeeded(deployment.id(), model, answer.status(), latency, relayed.firstChunk(),
                tokens.inputTokens(), tokens.outputTokens(), target.entry().cost(tokens.inputTokens(), tokens.outputTokens())));
        return new Answered(deployment, answer.status(), Optional.empty(), () -> EventStreamRelay.end(out));
    }

    /** Every deployment failed: the client gets the last upstream error, or a gateway error when none answered. */
    private void answerFailure(ClientResponse client, long start, String model, Failed last) {
        int status;
        byte[] body;
        if (last.body() != null && last.status() >= 400) {
            status = last.status();
            body = OpenAiErrors.fromUpstream(status, last.body(), model, redactor);
        } else {
            status = last.kind() == ErrorKind.TIMEOUT ? 504 : 502;
            body = OpenAiErrors.body(status, "upstream_error", "no deployment of model=" + model + " answered; the last: "
                    + last.reason() + " (" + last.kind().name().toLowerCase(Locale.ROOT) + ")");
        }
        traffic.recordRequest(new ProxyRequestOutcome(model, Optional.empty(), status, Optional.of(last.kind()), since(start)));
        client.send(status, OpenAiErrors.JSON, headers(targets.get(last.deployment().id()), Optional.empty()), body);
    }

    private void reject(ClientResponse client, long start, String model, int status, String message) {
        ErrorKind kind = UpstreamFailures.kindOf(status);
        traffic.recordRequest(new ProxyRequestOutcome(model, Optional.empty(), status, Optional.of(kind), since(start)));
        client.send(status, OpenAiErrors.JSON, Map.of(),
                OpenAiErrors.body(status, status == 400 ? "invalid_request_error" : "service_unavailable", message));
    }

    /** LiteLLM's response headers: which deployment answered, and what it cost when known. */
    private static Map<String, String> headers(UpstreamTarget target, Optional<Double> cost) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-litellm-model-id", target.deploymentId());
        headers.put("x-litellm-model-api-base", target.entry().shownApiBase());
        cost.ifPresent(c -> headers.put("x-litellm-response-cost", Double.toString(c)));
        return headers;
    }

    private static byte[] readUpTo(InputStream in, int limit) {
        try (in) {
            return in.readNBytes(limit);
        } catch (IOException broke) {
            return new byte[0];
        }
    }

    private static ObjectNode parse(byte[] body) {
        return parseAny(body) instanceof ObjectNode object ? object : null;
    }

    private static JsonNode parseAny(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] write(ObjectNode request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
