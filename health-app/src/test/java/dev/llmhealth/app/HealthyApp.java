package dev.llmhealth.app;

import dev.llmhealth.app.FuzzChecks.LoggedFailures;
import dev.llmhealth.app.demo.FakeProviderServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The app many protocol tests talk to: one deployment ({@code gpt-4}) on a healthy fake provider,
 * started once per test class (register it as a static {@code @RegisterExtension} field) and
 * answering {@code /health} 200, closed after the class. Watching the log, every test also fails
 * when the server logged a failure (a stack trace) while it ran.
 */
final class HealthyApp implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final boolean watchLog;
    private FakeProviderServer provider;
    private RunningApp app;
    private LoggedFailures loggedFailures;

    private HealthyApp(boolean watchLog) {
        this.watchLog = watchLog;
    }

    static HealthyApp started() {
        return new HealthyApp(false);
    }

    /** Each test also fails when the server logged a failure while it ran. */
    static HealthyApp watchingTheLog() {
        return new HealthyApp(true);
    }

    RunningApp app() {
        return app;
    }

    /** The fake upstream {@code gpt-4} is served by (its {@code healthy} segment). */
    FakeProviderServer provider() {
        return provider;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        provider = FakeProviderServer.start(0);
        app = RunningApp.start(TestConfigs.config(List.of(new TestConfigs.Model("gpt-4", provider.apiBase("healthy"))), null, null, 0));
        app.awaitReady();
        RunningApp.eventually(Duration.ofSeconds(30), "/health 200", () -> app.get("/health").statusCode() == 200);
        if (watchLog) {
            loggedFailures = LoggedFailures.attach();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (loggedFailures != null) {
            loggedFailures.assertNone("after the case");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (loggedFailures != null) {
            loggedFailures.close();
        }
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }
}
