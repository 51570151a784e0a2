package dev.llmhealth.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code health-app healthcheck [URL]}: exits 0 when the URL answers 2xx and 1 otherwise, like
 * {@code curl -f}, for container images that have no curl. The default URL is this host's {@code /health}.
 */
final class HealthcheckCommand {

    private HealthcheckCommand() {
    }

    static int run(String url, Duration timeout, PrintStream err) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException invalid) {
            err.println("healthcheck: not a URL: " + url);
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return 0;
            }
            err.println("healthcheck: " + target + " answered HTTP " + response.statusCode());
            return 1;
        } catch (IOException unreachable) {
            err.println("healthcheck: " + target + " unreachable (" + unreachable.getClass().getSimpleName() + ")");
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
