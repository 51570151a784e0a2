package dev.llmhealth.app;

import dev.llmhealth.embedded.Versions;
import dev.llmhealth.app.config.ConfigException;
import dev.llmhealth.app.config.ConfigLoader;
import dev.llmhealth.app.config.ProxyConfig;
import dev.llmhealth.app.demo.FakeProviderServer;
import dev.llmhealth.app.logging.InvalidLogSetting;
import dev.llmhealth.app.logging.LogSettings;
import dev.llmhealth.app.logging.LoggingSetup;
import dev.llmhealth.domain.policy.SecretRedactor;
import dev.llmhealth.domain.service.StartupTimeline;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar health-app.jar --config config.yaml --port 4000}. Exit codes: 0 ok, 2 bad usage or config, 1 failed to start. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // before anything logs: logging must outlive the JVM's shutdown hooks while GracefulShutdown drains
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        StartupTimeline.mark("main entered");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        LogSettings logSettings;
        try {
            cli = CommandLine.parse(args);
            logSettings = LogSettings.resolve(cli.logLevel(), cli.logFormat(), System.getenv());
        } catch (CommandLine.UsageException | InvalidLogSetting badUsage) {
            err.println("health-app: " + badUsage.getMessage());
            err.print(CommandLine.USAGE);
            return 2;
        }
        if (cli.healthcheckUrl().isPresent()) {
            return HealthcheckCommand.run(cli.healthcheckUrl().get(), java.time.Duration.ofSeconds(10), err);
        }
        if (cli.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        if (cli.version()) {
            out.println("health-app " + Versions.OWN + " (litellm_version " + Versions.LITELLM_COMPATIBLE + ")");
            return 0;
        }
        // before the config is read: reading it may log (in JSON too)
        LoggingSetup logging = LoggingSetup.install(logSettings, err);
        ProxyConfig config;
        try {
            ConfigLoader loader = new ConfigLoader(System.getenv());
            config = cli.config().map(loader::load).orElseGet(() -> loader.parse(""));
        } catch (ConfigException invalid) {
            logging.console().println("health-app: invalid config: " + invalid.getMessage());
            return 2;
        }
        logging.maskSecrets(config.secrets());
        StartupTimeline.mark("config read");
        if (cli.checkConfig()) {
            // what LiteLLM would start with but cannot work: the config is still accepted (exit 0)
            config.warnings().forEach(warning -> out.println("warning: " + warning));
            out.println("config ok: " + config.models().size() + " deployments, database "
                    + (config.databaseUrl().isPresent() ? "configured" : "not configured") + ", redis "
                    + (config.redis().isPresent() ? "configured" : "not configured"));
            return 0;
        }
        return serve(cli, config, logging.console(), logging::maskSecrets);
    }

    /** @param maskSecrets told the secrets of each config that is loaded, so no log line shows them */
    private static int serve(CommandLine cli, ProxyConfig config, PrintStream err, Consumer<Collection<String>> maskSecrets) {
        FakeProviderServer demoProvider = null;
        try {
            if (cli.demo()) {
                demoProvider = FakeProviderServer.start(cli.demoPort());
                err.println("demo: fake OpenAI-compatible provider on http://127.0.0.1:" + demoProvider.port()
                        + " (/healthy/v1 answers, /failing/v1 answers 500)");
            }
            StartupTimeline.mark("demo provider started");
            ProxyConfig effective = cli.host().map(config::withHost).orElse(config);
            HealthApplication app = HealthApplication.start(effective, cli.port().orElse(config.port()), Clock.systemUTC());
            err.println("health-app listening on http://" + effective.host() + ":" + app.port() + " (litellm_version "
                    + Versions.LITELLM_COMPATIBLE + ")");
            // SIGHUP (and, watched, a changed file) reloads the model list and health settings in place
            Set<String> secrets = new HashSet<>(config.secrets());
            ConfigReloader reloader = cli.config().map(file -> ConfigReloader.forEnvironment(file, app, next -> {
                secrets.addAll(next.secrets()); // the old ones too: lines still in flight may carry them
                maskSecrets.accept(Set.copyOf(secrets));
            })).orElse(null);
            if (reloader != null) {
                reloader.onHangup();
                if (cli.watchConfig()) {
                    reloader.watch();
                }
            }
            CountDownLatch stopped = new CountDownLatch(1);
            FakeProviderServer provider = demoProvider;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (reloader != null) {
                    reloader.close();
                }
                new GracefulShutdown(effective.shutdown(), err).run(app);
                if (provider != null) {
                    provider.close();
                }
                stopped.countDown();
                // a clean stop on SIGTERM is a success: without this the JVM exits 143
                Runtime.getRuntime().halt(0);
            }, "health-app-shutdown"));
            stopped.await();
            return 0;
        } catch (IOException | RuntimeException failed) {
            String reason = failed.getMessage() == null ? "" : ": " + new SecretRedactor(config.secrets()).redact(failed.getMessage());
            err.println("health-app: failed to start: " + failed.getClass().getSimpleName() + reason);
            if (demoProvider != null) {
                demoProvider.close();
            }
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
