package dev.llmhealth.adapters.http.passthrough;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmhealth.adapters.http.ClientError;
import dev.llmhealth.adapters.http.ClientErrors;
import dev.llmhealth.adapters.http.MasterKeyAccess;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.port.in.GetRoutableDeploymentsQuery;
import dev.llmhealth.domain.port.in.RecordTrafficUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OpenAI-compatible routes of a standalone deployment, so it carries real traffic:
 * {@code POST /v1/chat/completions} (streamed as server-sent events when asked),
 * {@code POST /v1/embeddings} and {@code GET /v1/models}, also without the {@code /v1} prefix as
 * LiteLLM serves them. With a master key configured every route asks for it.
 */
public final class PassThroughRoutes implements HttpService {

    /** A request body larger than this is refused (413) rather than held in memory. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Forwarder forwarder;
    private final MasterKeyAccess access;
    private final byte[] modelList;
    private final ClientErrors clientErrors;

    private PassThroughRoutes(Forwarder forwarder, MasterKeyAccess access, byte[] modelList, ClientErrors clientErrors) {
        this.forwarder = forwarder;
        this.clientErrors = clientErrors;
        this.access = access;
        this.modelList = modelList;
    }

    /**
     * @param modelGroups    every configured model group (a group with no forwardable deployment answers its error)
     * @param deployments    the deployments calls can be forwarded to
     * @param http           the client upstream calls go through (the caller closes it)
     * @param requestTimeout how long one upstream call may take to answer ({@code request_timeout})
     * @param clientErrors   where requests the client got wrong are counted (never as the proxy's or a deployment's failures)
     */
    public static PassThroughRoutes create(List<String> modelGroups, List<UpstreamDeployment> deployments,
                                           GetRoutableDeploymentsQuery routing, RecordTrafficUseCase traffic, MasterKeyAccess access,
                                           HttpClient http, Duration requestTimeout, SecretRedactor redactor, ClientErrors clientErrors) {
        Map<String, UpstreamTarget> targets = new LinkedHashMap<>();
        deployments.forEach(deployment -> targets.put(deployment.id(), UpstreamTarget.of(deployment)));
        Set<String> groups = new LinkedHashSet<>(modelGroups);
        Forwarder forwarder = new Forwarder(targets, groups, routing, traffic, new UpstreamClient(http, requestTimeout), redactor,
                clientErrors);
        return new PassThroughRoutes(forwarder, access, modelList(groups), clientErrors);
    }

    /** Where these routes count the requests their clients got wrong; the listener's {@code JsonDirectHandler} counts there too. */
    public ClientErrors clientErrors() {
        return clientErrors;
    }

    @Override
    public void routing(HttpRules rules) {
        register(rules, () -> this);
    }

    /**
     * The same routes, each request served by whatever {@code current} supplies then: the app swaps
     * its routes on a config reload while the server keeps running.
     */
    public static HttpService reloading(Supplier<PassThroughRoutes> current) {
        return rules -> register(rules, current);
    }

    private static void register(HttpRules rules, Supplier<PassThroughRoutes> current) {
        for (String prefix : List.of("/v1", "")) {
            rules.any(prefix + "/chat/completions", (request, response) -> current.get().post(request, response, ApiCall.CHAT_COMPLETIONS));
            rules.any(prefix + "/embeddings", (request, response) -> current.get().post(request, response, ApiCall.EMBEDDINGS));
            rules.any(prefix + "/models", (request, response) -> current.get().models(request, response));
        }
    }

    private void post(ServerRequest request, ServerResponse response, ApiCall call) {
        if (request.prologue().method() != Method.POST) {
            refuse(response, 405, "method_not_allowed", "Method not allowed; allowed: POST", "POST");
            return;
        }
        if (!allowed(request)) {
            unauthorized(response);
            return;
        }
        Optional<byte[]> body;
        try {
            body = readBody(request);
        } catch (RuntimeException unreadable) {
            Optional<BrokenBody> broken = BrokenBody.of(unreadable);
            if (broken.isEmpty()) {
                throw unreadable;
            }
            refuseBrokenBody(response, broken.get());
            return;
        }
        if (body.isEmpty()) {
            response.header(HeaderValues.CONNECTION_CLOSE); // the rest of the body is never read
            clientErrors.record(ClientError.BODY_TOO_LARGE, "request body over " + MAX_REQUEST_BYTES + " bytes");
            refuse(response, 413, "invalid_request_error", "Request body larger than " + MAX_REQUEST_BYTES + " bytes", null);
            return;
        }
        forwarder.forward(call, body.get(), clientResponse(response));
    }

    private void models(ServerRequest request, ServerResponse response) {
        Method method = request.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            refuse(response, 405, "method_not_allowed", "Method not allowed; allowed: GET, HEAD", "GET, HEAD");
            return;
        }
        if (!allowed(request)) {
            unauthorized(response);
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, OpenAiErrors.JSON);
        if (method == Method.HEAD) {
            response.header(HeaderNames.CONTENT_LENGTH, Integer.toString(modelList.length));
            response.send();
        } else {
            response.send(modelList);
        }
    }

    private boolean allowed(ServerRequest request) {
        return access.isOpen() || access.allows(request.headers().first(HeaderNames.AUTHORIZATION));
    }

    private static void unauthorized(ServerResponse response) {
        refuse(response, 401, "auth_error", "Authentication Error: send Authorization: Bearer <master key>", null);
    }

    private static void refuse(ServerResponse response, int status, String type, String message, String allow) {
        response.status(Status.create(status));
        if (allow != null) {
            response.header(HeaderNames.ALLOW, allow);
        }
        response.header(HeaderNames.CONTENT_TYPE, OpenAiErrors.JSON);
        response.send(OpenAiErrors.body(status, type, message));
    }

    /**
     * A body the client got wrong: nothing is forwarded, the call is no failure of the proxy or of a deployment (it is
     * counted as the client's), and the connection closes, as the socket is out of step with the framing. When the
     * client is already gone the answer cannot be written; Helidon then closes quietly.
     */
    private void refuseBrokenBody(ServerResponse response, BrokenBody broken) {
        clientErrors.record(broken.status() == 413 ? ClientError.BODY_TOO_LARGE : ClientError.BAD_BODY, broken.message());
        response.header(HeaderValues.CONNECTION_CLOSE);
        refuse(response, broken.status(), "invalid_request_error", broken.message(), null);
    }

    /** Empty when the body is larger than allowed; a broken body throws what Helidon's reader throws ({@link BrokenBody}). */
    private static Optional<byte[]> readBody(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Optional.of(new byte[0]);
        }
        // not closed: closing reads the rest of the body, which for a broken or oversized one may never end (the
        // connection closes instead); a body read to its end needs no closing
        InputStream in = request.content().inputStream();
        try {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return body.length > MAX_REQUEST_BYTES ? Optional.empty() : Optional.of(body);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable); // a decoding failure or the client's socket: BrokenBody says which
        }
    }

    private ClientResponse clientResponse(ServerResponse response) {
        return new ClientResponse() {
            @Override
            public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
                start(status, contentType, headers);
                try {
                    response.send(body);
                } catch (CloseConnectionException clientLeft) {
                    // the call is already counted; the answer has nobody to go to, and Helidon closes quietly
                    clientErrors.record(ClientError.CLIENT_DISCONNECTED, "the client left before its answer was sent");
                    throw clientLeft;
                }
            }

            @Override
            public OutputStream stream(int status, String contentType, Map<String, String> headers) {
                start(status, contentType, headers);
                response.header(HeaderNames.CACHE_CONTROL, "no-cache");
                return response.outputStream();
            }

            private void start(int status, String contentType, Map<String, String> headers) {
                response.status(Status.create(status));
                response.header(HeaderNames.CONTENT_TYPE, contentType);
                headers.forEach(response::header);
            }
        };
    }

    /** OpenAI's model list, of the configured model groups (as LiteLLM lists them). */
    private static byte[] modelList(Set<String> groups) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        long created = Instant.now().getEpochSecond();
        for (String group : groups) {
            data.addObject().put("id", group).put("object", "model").put("created", created).put("owned_by", "openai");
        }
        root.put("object", "list");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
