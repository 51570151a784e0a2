package dev.llmhealth.app;

import java.util.List;

/** Builds the small LiteLLM configs the end-to-end tests run with: fast rounds, short timeouts. */
final class TestConfigs {

    /** One {@code model_list} entry. */
    record Model(String name, String apiBase) {
    }

    private TestConfigs() {
    }

    static String config(List<Model> models, String databaseUrl, String redisHost, int redisPort) {
        StringBuilder yaml = new StringBuilder("model_list:\n");
        for (Model model : models) {
            yaml.append("  - model_name: ").append(model.name()).append('\n')
                    .append("    litellm_params:\n")
                    .append("      model: openai/").append(model.name()).append('\n')
                    .append("      api_base: ").append(model.apiBase()).append('\n')
                    .append("      api_key: sk-test-key-").append(model.name()).append('\n');
        }
        if (models.isEmpty()) {
            yaml.append("  []\n");
        }
        yaml.append("general_settings:\n")
                .append("  health_check_interval: 1\n")
                .append("  health_check_timeout: 1\n")
                .append("  interval_jitter_percent: 0\n")
                .append("  service_check_interval: 0.5\n");
        if (databaseUrl != null) {
            yaml.append("  database_url: ").append(databaseUrl).append('\n');
        }
        if (redisHost != null) {
            yaml.append("router_settings:\n")
                    .append("  redis_host: ").append(redisHost).append('\n')
                    .append("  redis_port: ").append(redisPort).append('\n');
        }
        return yaml.toString();
    }
}
