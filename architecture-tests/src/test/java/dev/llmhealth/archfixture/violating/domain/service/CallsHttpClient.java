package dev.llmhealth.archfixture.violating.domain.service;

import java.net.http.HttpClient;

/** Domain code making HTTP calls itself instead of asking an out-port. */
public final class CallsHttpClient {
    private final HttpClient client = HttpClient.newHttpClient();

    public HttpClient client() {
        return client;
    }
}
