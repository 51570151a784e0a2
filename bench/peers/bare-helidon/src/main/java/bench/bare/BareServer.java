package bench.bare;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The least a Helidon SE server can do for one of our answers: GET on a path sends fixed bytes, read
 * from a file at start, with the same content type and version header as the service. Nothing else
 * (no HTTP/1.0 selector, no filter), so the service's overhead over this is what its own code costs.
 *
 * <p>{@code java -jar bare-helidon.jar PORT [--filter] [--any] PATH=FILE [PATH=FILE...]}
 *
 * <p>For experiments on where the service's own per-request cost goes: {@code --filter} adds a routing filter
 * doing what the service's {@code ConnectionCloseFilter} does (two header lookups after {@code chain.proceed()}),
 * {@code --any} registers the routes for every method, as the service does, instead of GET only.
 */
public final class BareServer {

    private BareServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Header version = HeaderValues.create(HeaderNames.create("x-llm-health-version"), "0.1.0");
        HttpRouting.Builder routing = HttpRouting.builder();
        boolean any = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--filter")) {
                routing.addFilter((chain, request, response) -> {
                    chain.proceed();
                    if (request.headers().first(HeaderNames.CONNECTION).orElse("").contains("close")
                            || response.headers().first(HeaderNames.CONNECTION).orElse("").contains("close")) {
                        throw new io.helidon.webserver.CloseConnectionException("Connection: close");
                    }
                });
                continue;
            }
            if (args[i].equals("--any")) {
                any = true;
                continue;
            }
            String[] route = args[i].split("=", 2);
            byte[] body = Files.readAllBytes(Path.of(route[1]));
            io.helidon.webserver.http.Handler handler = (request, response) -> {
                response.header(version);
                response.header(HeaderValues.CONTENT_TYPE_JSON);
                response.send(body);
            };
            if (any) {
                routing.any(route[0], handler);
            } else {
                routing.get(route[0], handler);
            }
        }
        WebServer server = WebServer.builder().host("127.0.0.1").port(port).routing(routing).build().start();
        System.err.println("bare-helidon listening on http://127.0.0.1:" + server.port());
    }
}
