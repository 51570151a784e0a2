package dev.llmhealth.app;

import dev.llmhealth.app.FuzzChecks.LoggedFailures;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The app many protocol tests talk to: one deployment ({@code gpt-4}) on a healthy fake provider,
 * started once per test class and answering {@code /health} 200, with the server's log watched for
 * failures (a stack trace logged while a case ran); closed after the class.
 */
final class HealthyApp implements AutoCloseable {

    private final FakeProviderServer provider;
    private final RunningApp app;
    private final LoggedFailures loggedFailures;

    private HealthyApp(FakeProviderServer provider, RunningApp app, LoggedFailures loggedFailures) {
        this.provider = provider;
        this.app = app;
        this.loggedFailures = loggedFailures;
    }

    static HealthyApp start() throws IOException {
        FakeProviderServer provider = FakeProviderServer.start(0);
        RunningApp app = RunningApp.start(TestConfigs.config(List.of(new TestConfigs.Model("gpt-4", provider.apiBase("healthy"))),
                null, null, 0));
        app.awaitReady();
        RunningApp.eventually(Duration.ofSeconds(30), "/health 200", () -> app.get("/health").statusCode() == 200);
        return new HealthyApp(provider, app, LoggedFailures.attach());
    }

    RunningApp app() {
        return app;
    }

    /** The server logged no failure since the last call. */
    void assertNothingFailed() {
        loggedFailures.assertNone("after the case");
    }

    @Override
    public void close() {
        loggedFailures.close();
        app.close();
        provider.close();
    }
}
