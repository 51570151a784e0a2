package dev.llmhealth.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.function.Supplier;

/** {@link AlertTestEndpoint} as a Helidon route; what it supplies is read per request, so a reload swaps it. */
public final class AlertTestRoutes implements HttpService {

    private final Supplier<AlertTestEndpoint> endpoint;

    public AlertTestRoutes(Supplier<AlertTestEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(AlertTestEndpoint.PATH, (request, response) -> {
            HttpAnswer answer = endpoint.get().answer(request.prologue().method().text(),
                    request.headers().first(HeaderNames.AUTHORIZATION));
            response.status(Status.create(answer.status()));
            if (answer.status() == 204 || answer.status() == 405) {
                response.header(HeaderValues.create(HeaderNames.ALLOW, AlertTestEndpoint.ALLOW));
            }
            if (answer.status() == 204) {
                response.send();
                return;
            }
            response.header(HeaderValues.CONTENT_TYPE_JSON);
            response.send(answer.body());
        });
    }
}
