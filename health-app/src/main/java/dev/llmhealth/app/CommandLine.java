package dev.llmhealth.app;

import dev.llmhealth.app.logging.InvalidLogSetting;
import dev.llmhealth.app.logging.LogFormat;
import dev.llmhealth.app.logging.LogLevel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line, with LiteLLM's own flags ({@code --config}, {@code --port}, {@code --host}).
 *
 * @param port empty: the environment's {@code PORT}, else 4000
 * @param logLevel empty: the environment's {@code LITELLM_LOG}, else INFO (see {@link dev.llmhealth.app.logging.LogSettings})
 * @param logFormat empty: {@code json} when the environment's {@code JSON_LOGS} is true, else text
 */
record CommandLine(Optional<Path> config, Optional<Integer> port, Optional<String> host, boolean demo, int demoPort,
                   boolean help, boolean version, boolean checkConfig, Optional<String> healthcheckUrl,
                   Optional<LogLevel> logLevel, Optional<LogFormat> logFormat, boolean watchConfig) {

    static final String USAGE = """
            Usage: health-app [--config FILE] [--port N] [--host ADDRESS] [--demo [--demo-port N]] [--check-config]
                   health-app healthcheck [URL]   exit 0 when URL (default http://127.0.0.1:$PORT/health) answers 2xx, else 1
              --config FILE    LiteLLM config.yaml (model_list, general_settings, router_settings)
              --port N         port to listen on (default: $PORT, else 4000)
              --host ADDRESS   address to bind (default: $HOST, else 0.0.0.0)
              --demo           also start an in-process fake OpenAI-compatible provider on 127.0.0.1 (see config/demo.yaml)
              --demo-port N    the fake provider's port (default 4010)
              --check-config   validate the config and exit (0 valid, 2 invalid)
              --watch-config   reload the config when its file changes (SIGHUP always reloads it)
              --log-level LEVEL  DEBUG, INFO, WARNING, ERROR or CRITICAL, any case (default: $LITELLM_LOG, else INFO)
              --log-format FMT   text or json: one JSON object a line (default: json when $JSON_LOGS is true, else text)
              --version        print the version and exit
              --help           print this help and exit
            Environment: DATABASE_URL, REDIS_URL or REDIS_HOST/REDIS_PORT/REDIS_PASSWORD, LITELLM_MASTER_KEY, PORT, HOST,
                         LITELLM_LOG, JSON_LOGS
            """;

    /** A command line that cannot be understood; the message says which argument. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String... args) {
        Optional<Path> config = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<String> host = Optional.empty();
        boolean demo = false;
        int demoPort = 4010;
        boolean help = false;
        boolean version = false;
        boolean checkConfig = false;
        boolean watchConfig = false;
        Optional<LogLevel> logLevel = Optional.empty();
        Optional<LogFormat> logFormat = Optional.empty();
        if (args.length > 0 && args[0].equals("healthcheck")) {
            if (args.length > 2) {
                throw new UsageException("healthcheck takes at most one URL");
            }
            String ownPort = Optional.ofNullable(System.getenv("PORT")).filter(p -> !p.isBlank()).orElse("4000");
            String url = args.length == 2 ? args[1] : "http://127.0.0.1:" + ownPort + "/health";
            return new CommandLine(config, Optional.empty(), host, false, demoPort, false, false, false, Optional.of(url),
                    logLevel, logFormat, false);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config", "-c" -> config = Optional.of(Path.of(value(args, ++i, arg)));
                case "--port", "-p" -> port = Optional.of(portNumber(value(args, ++i, arg), arg));
                case "--host" -> host = Optional.of(value(args, ++i, arg));
                case "--demo" -> demo = true;
                case "--demo-port" -> demoPort = portNumber(value(args, ++i, arg), arg);
                case "--check-config" -> checkConfig = true;
                case "--watch-config" -> watchConfig = true;
                case "--log-level" -> logLevel = Optional.of(logLevel(value(args, ++i, arg), arg));
                case "--log-format" -> logFormat = Optional.of(logFormat(value(args, ++i, arg), arg));
                case "--version", "-v" -> version = true;
                case "--help", "-h" -> help = true;
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (watchConfig && config.isEmpty()) {
            throw new UsageException("--watch-config needs --config FILE");
        }
        return new CommandLine(config, port, host, demo, demoPort, help, version, checkConfig, Optional.empty(),
                logLevel, logFormat, watchConfig);
    }

    private static LogLevel logLevel(String text, String flag) {
        try {
            return LogLevel.parse(text, flag);
        } catch (InvalidLogSetting invalid) {
            throw new UsageException(invalid.getMessage());
        }
    }

    private static LogFormat logFormat(String text, String flag) {
        try {
            return LogFormat.parse(text, flag);
        } catch (InvalidLogSetting invalid) {
            throw new UsageException(invalid.getMessage());
        }
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static int portNumber(String text, String flag) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageException(flag + " must be a port number between 0 and 65535, got '" + text + "'");
    }
}
