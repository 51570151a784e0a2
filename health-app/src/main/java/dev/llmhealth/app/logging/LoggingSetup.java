package dev.llmhealth.app.logging;

import dev.llmhealth.domain.policy.SecretRedactor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies {@link LogSettings} to java.util.logging, where Helidon, the JDK's System.Logger and
 * slf4j (slf4j-jdk14) all end up. The level is this service's: at DEBUG the libraries stay at INFO
 * (as LITELLM_LOG=DEBUG makes only LiteLLM's own loggers verbose); WARNING and above quiet everything.
 * The text format is the SimpleFormatter format Main sets; JSON swaps the console handlers' formatter.
 */
public final class LoggingSetup {

    /** Held here: the JUL logger is weakly referenced and would forget its level. */
    private static final Logger OWN = Logger.getLogger("dev.llmhealth");
    /** Main's own lines (listening on, failed to start) become records of this logger in JSON mode. */
    private static final String MAIN_LOGGER = "dev.llmhealth.app.Main";

    private final PrintStream console;
    private final Optional<JsonLogFormatter> json;

    private LoggingSetup(PrintStream console, Optional<JsonLogFormatter> json) {
        this.console = console;
        this.json = json;
    }

    /** @param console where Main prints its own messages (standard error) */
    public static LoggingSetup install(LogSettings settings, PrintStream console) {
        Level level = settings.level().jul();
        Logger root = Logger.getLogger("");
        OWN.setLevel(level);
        root.setLevel(settings.level() == LogLevel.DEBUG ? Level.INFO : level);
        if (root.getHandlers().length == 0) {
            root.addHandler(new ConsoleHandler());
        }
        Optional<JsonLogFormatter> json = settings.format() == LogFormat.JSON
                ? Optional.of(new JsonLogFormatter(SecretRedactor.shapesOnly()))
                : Optional.empty();
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
            json.ifPresent(handler::setFormatter);
        }
        PrintStream lines = json.isPresent()
                ? new PrintStream(new LogLineStream(Logger.getLogger(MAIN_LOGGER)), true, StandardCharsets.UTF_8)
                : console;
        return new LoggingSetup(lines, json);
    }

    /** Where Main's own messages go: the console as given for text, log records for JSON (so every line is JSON). */
    public PrintStream console() {
        return console;
    }

    /** Masks the config's exact secrets in JSON records too, once they are known. */
    public void maskSecrets(Collection<String> secrets) {
        json.ifPresent(formatter -> formatter.redactWith(new SecretRedactor(secrets)));
    }
}
