package dev.llmhealth.app.config;

import dev.llmhealth.domain.model.HealthSettings;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the app reads from {@code config.yaml} and the environment, validated.
 *
 * @param secrets every secret value the config holds, so they can be masked wherever text leaves the process
 */
public record ProxyConfig(
        List<ModelEntry> models,
        HealthSettings health,
        Optional<String> databaseUrl,
        Optional<RedisTarget> redis,
        Optional<String> masterKey,
        boolean metricsRequireAuth,
        int maxTokens,
        int port,
        String host,
        Set<String> secrets) {

    /** Where Redis is: host, port and optional credentials. */
    public record RedisTarget(String host, int port, Optional<String> username, Optional<String> password, boolean ssl) {
    }

    public ProxyConfig {
        models = List.copyOf(models);
        secrets = Set.copyOf(secrets);
    }
}
