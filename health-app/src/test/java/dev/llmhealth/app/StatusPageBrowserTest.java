package dev.llmhealth.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmhealth.adapters.probes.testing.TestServices;
import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.demo.FakeProviderServer.Behaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * The status page in a real headless Chromium against the real app (real probes of an in-process fake
 * provider, real PostgreSQL and Redis): what a person sees, live changes without a reload, uptime
 * against a history with a known outage, and the master key's login.
 */
class StatusPageBrowserTest {

    private static final String KEY = "sk-status-page-key";
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static FakeProviderServer provider;
    private static RunningApp app;
    private static RunningApp lockedApp;
    private static HeadlessChromium chromium;
    /** The deployment whose history the test wrote: healthy for two days but for one 6 h outage 10 h..4 h ago. */
    private static String seededId;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.start();
        provider = FakeProviderServer.start(0);
        provider.behave("flaky", Behaviour.HEALTHY);
        TestServices.Postgres postgres = TestServices.postgres();
        TestServices.Redis redis = TestServices.redis();
        seededId = "seeded-" + UUID.randomUUID().toString().substring(0, 8);
        app = RunningApp.start(config(postgres.databaseUrl(), redis) );
        app.awaitReady();
        seedHistory(postgres);
        lockedApp = RunningApp.start(TestConfigs.config(List.of(new TestConfigs.Model("gpt-4", provider.apiBase("healthy"))),
                null, null, 0) + "  master_key: " + KEY + "\n");
        lockedApp.awaitReady();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {chromium, app, lockedApp, provider}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception ignored) {
                // the others still get closed
            }
        }
    }

    private static String config(String databaseUrl, TestServices.Redis redis) {
        StringBuilder yaml = new StringBuilder("model_list:\n");
        entry(yaml, "gpt-4", "healthy", "");
        entry(yaml, "broken-model", "failing", "");
        entry(yaml, "assumed-model", "healthy", "    model_info:\n      health_check_mode: none\n");
        entry(yaml, "flaky-model", "flaky", "");
        entry(yaml, "seeded-model", "healthy", "    model_info:\n      id: " + seededId + "\n");
        return yaml + "general_settings:\n  health_check_interval: 1\n  health_check_timeout: 1\n  interval_jitter_percent: 0\n"
                + "  service_check_interval: 0.5\n  database_url: " + databaseUrl + "\n"
                + "router_settings:\n  redis_host: " + redis.host() + "\n  redis_port: " + redis.port() + "\n";
    }

    private static void entry(StringBuilder yaml, String name, String segment, String modelInfo) {
        yaml.append("  - model_name: ").append(name).append("\n    litellm_params:\n      model: openai/").append(name)
                .append("\n      api_base: ").append(provider.apiBase(segment)).append("\n      api_key: sk-test-").append(name)
                .append('\n').append(modelInfo);
    }

    /** Rows as another replica would have written them before this one started. */
    private static void seedHistory(TestServices.Postgres postgres) throws Exception {
        Instant now = Instant.now();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             PreparedStatement insert = db.prepareStatement("INSERT INTO litellm_health_transitions "
                     + "(subject_kind, subject, model_name, from_state, to_state, error, at, replica) VALUES ('deployment', ?, 'seeded-model', ?, ?, ?, ?, 'earlier')")) {
            Object[][] rows = {{"unchecked", "healthy", null, Duration.ofHours(48)},
                    {"healthy", "unhealthy", "HTTP 500 from upstream: seeded outage", Duration.ofHours(10)},
                    {"unhealthy", "healthy", null, Duration.ofHours(4)}};
            for (Object[] row : rows) {
                insert.setString(1, seededId);
                insert.setString(2, (String) row[0]);
                insert.setString(3, (String) row[1]);
                insert.setString(4, (String) row[2]);
                insert.setTimestamp(5, Timestamp.from(now.minus((Duration) row[3])));
                insert.executeUpdate();
            }
        }
    }

    private static void open(RunningApp target, String path) {
        chromium.driver().get(target.url(path));
    }

    private static void eventually(String what, Supplier<Boolean> condition) {
        RunningApp.eventually(BOUND, what, () -> {
            try {
                return condition.get();
            } catch (NoSuchElementException | StaleElementReferenceException notYet) {
                return false;
            }
        });
    }

    /** Read in one script: the page redraws as events arrive, so an element found a moment ago may be gone. */
    private static String cell(String modelName, String cssClass) {
        return (String) chromium.driver().executeScript("var row = document.querySelector(\"table[data-model='\" + arguments[0] + \"'] tbody tr\");"
                + " var td = row && row.querySelector('td.' + arguments[1]); return td ? td.innerText : '';", modelName, cssClass);
    }

    private static String state(String modelName) {
        return (String) chromium.driver().executeScript("var row = document.querySelector(\"table[data-model='\" + arguments[0] + \"'] tbody tr\");"
                + " return row ? row.getAttribute('data-state') : '';", modelName);
    }

    @Test
    void showsEachDeploymentsStateAndTheServicesWithNoConsoleError() throws Exception {
        chromium.resize(1280, 1500);
        open(app, "/");
        assertTrue(chromium.driver().getCurrentUrl().endsWith("/health/ui"), "/ redirects to the page: " + chromium.driver().getCurrentUrl());
        eventually("every deployment shown", () -> chromium.driver().findElements(By.cssSelector("tbody tr")).size() == 5);
        eventually("gpt-4 healthy", () -> "healthy".equals(state("gpt-4")));
        assertEquals("probe", cell("gpt-4", "source"));
        eventually("broken-model unhealthy", () -> "unhealthy".equals(state("broken-model")));
        assertTrue(cell("broken-model", "error").contains("upstream exploded"), cell("broken-model", "error"));
        assertTrue(cell("broken-model", "state").contains("unhealthy"), "the state is said in words, not only in colour");
        assertEquals("healthy", state("assumed-model"));
        assertEquals("assumed", cell("assumed-model", "source"));
        eventually("a probe latency shown", () -> cell("gpt-4", "latency").matches("[0-9.]+ ms.*"));
        eventually("the database card", () -> chromium.driver().findElement(By.id("service-database")).getText().contains("connected"));
        assertTrue(chromium.driver().findElement(By.id("service-redis")).getText().contains("connected"));
        assertTrue(chromium.driver().findElement(By.id("overall")).getText().contains("healthy"));
        eventually("the incident timeline lists broken-model's failure",
                () -> chromium.driver().findElement(By.id("incidents")).getText().contains("broken-model"));
        eventually("uptime shown", () -> cell("gpt-4", "uptime-24h").endsWith("%"));
        Path shot = chromium.screenshot(Path.of("target", "status-page.png"));
        assertTrue(Files.size(shot) > 10_000, "a screenshot with something in it: " + shot.toAbsolutePath());
        assertEquals(List.of(), chromium.consoleErrors());
    }

    @Test
    void isReadableOnAPhone() {
        chromium.resize(390, 844);
        try {
            open(app, "/health/ui");
            eventually("the deployments", () -> chromium.driver().findElements(By.cssSelector("tbody tr")).size() == 5);
            Number overflow = (Number) chromium.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow.intValue() <= 0, "the page scrolls sideways by " + overflow + " px on a phone");
            chromium.screenshot(Path.of("target", "status-page-phone.png"));
            assertEquals(List.of(), chromium.consoleErrors());
        } finally {
            chromium.resize(1280, 1500);
        }
    }

    @Test
    void changesLiveWhenAProviderFailsAndRecovers() {
        open(app, "/health/ui");
        eventually("flaky-model healthy", () -> "healthy".equals(state("flaky-model")));
        chromium.driver().executeScript("window.sameDocument = true;");
        provider.behave("flaky", Behaviour.FAILING);
        try {
            eventually("flaky-model shown unhealthy", () -> "unhealthy".equals(state("flaky-model")));
            assertTrue(cell("flaky-model", "error").contains("upstream exploded"), cell("flaky-model", "error"));
            eventually("the incident shown", () -> chromium.driver().findElements(By.cssSelector("#incidents li")).stream()
                    .anyMatch(li -> li.getText().contains("flaky-model") && li.getText().contains("unhealthy")));
        } finally {
            provider.behave("flaky", Behaviour.HEALTHY);
        }
        eventually("flaky-model shown healthy again", () -> "healthy".equals(state("flaky-model")));
        assertEquals(Boolean.TRUE, chromium.driver().executeScript("return window.sameDocument === true;"), "the page was not reloaded");
        assertEquals("live", chromium.driver().findElement(By.id("feed")).getText(), "updated by the event stream");
        assertEquals(List.of(), chromium.consoleErrors());
    }

    @Test
    void uptimeMatchesTheRecordedOutage() {
        // 6 h down of a day known throughout: 75 %; of the 48 h (and the seconds since) known in the week: 87.5 %
        JsonNode day = app.json("/health/uptime?window=24h&model=seeded-model").path("deployments").path(0);
        assertEquals(seededId, day.path("model_id").asText());
        assertEquals(75.0, day.path("uptime_percent").asDouble(), 1e-9, day.toString());
        assertEquals(1, day.path("outages").asInt());
        assertEquals(6 * 3600, day.path("downtime_seconds").asLong());
        JsonNode week = app.json("/health/uptime?window=7d&model=seeded-model").path("deployments").path(0);
        assertEquals(87.5, week.path("uptime_percent").asDouble(), 0.01, week.toString());

        open(app, "/health/ui");
        eventually("the seeded deployment's uptime", () -> cell("seeded-model", "uptime-24h").startsWith("75.00 %"));
        assertEquals("75.00 % (1 outage)", cell("seeded-model", "uptime-24h"));
        assertEquals("87.50 % (1 outage)", cell("seeded-model", "uptime-7d"));
        eventually("the broken deployment never up", () -> cell("broken-model", "uptime-24h").startsWith("0.00 %"));
        assertTrue(cell("gpt-4", "uptime-24h").startsWith("100.00 %"), cell("gpt-4", "uptime-24h"));
    }

    @Test
    void aMasterKeyShowsOnlyTheStatusUntilTheRightKeyIsGiven() {
        open(lockedApp, "/health/ui");
        eventually("the login form", () -> chromium.driver().findElement(By.id("login")).isDisplayed());
        eventually("the status", () -> chromium.driver().findElement(By.id("overall")).getText().contains("healthy"));
        assertFalse(chromium.driver().findElement(By.id("models-section")).isDisplayed(), "no deployment without the key");
        assertTrue(chromium.driver().findElements(By.cssSelector("tbody tr")).isEmpty());

        chromium.driver().findElement(By.id("key")).sendKeys("sk-wrong-key");
        chromium.driver().findElement(By.cssSelector("#login-form button")).click();
        eventually("the wrong key refused", () -> chromium.driver().findElement(By.id("login-error")).getText().contains("refused"));
        assertFalse(chromium.driver().findElement(By.id("models-section")).isDisplayed());
        assertEquals(null, chromium.driver().executeScript("return sessionStorage.getItem('llm-health-master-key');"));

        chromium.driver().findElement(By.id("key")).clear();
        chromium.driver().findElement(By.id("key")).sendKeys(KEY);
        chromium.driver().findElement(By.cssSelector("#login-form button")).click();
        eventually("the deployments after signing in", () -> "healthy".equals(state("gpt-4")));
        assertFalse(chromium.driver().findElement(By.id("login")).isDisplayed());
        assertEquals(KEY, chromium.driver().executeScript("return sessionStorage.getItem('llm-health-master-key');"),
                "kept for this tab's session");
        assertEquals(null, chromium.driver().executeScript("return localStorage.getItem('llm-health-master-key');"));
        assertTrue(chromium.driver().manage().getCookies().isEmpty(), "no cookie");
        eventually("live with the key", () -> "live".equals(chromium.driver().findElement(By.id("feed")).getText()));
        chromium.driver().findElement(By.id("signout")).click();
        eventually("signed out", () -> chromium.driver().findElement(By.id("login")).isDisplayed());
        assertEquals(List.of(), chromium.consoleErrors().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList());
    }
}
