package dev.llmhealth.app.config;

import dev.llmhealth.adapters.probes.models.ProviderCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment's connection settings, looked up where LiteLLM looks: {@code litellm_params}
 * first, then the credential named by {@code litellm_credential_name}, then the provider's
 * environment variables ({@code OPENAI_API_KEY}, {@code AZURE_API_BASE}, ...), then the provider's
 * default. An {@code os.environ/} reference to an unset variable counts as absent (LiteLLM's
 * {@code get_secret} gives None, and the provider's variable is tried), and is the deployment's
 * problem only when nothing else gives a value.
 */
final class DeploymentParams {

    /**
     * @param source  where the value came from, by name: {@code litellm_params.api_key}, {@code credential:<name>},
     *                {@code env:<VARIABLE>}, {@code default}; the key that was asked for when there is no value
     * @param problem why a value the config asks for is missing (an unset variable), naming the key
     */
    record Value(Optional<String> value, String source, Optional<String> problem) {
    }

    private final ConfigNode params;
    private final Map<String, String> environment;
    private final ProviderCatalog.ProviderSpec spec;
    private final Optional<String> credentialName;
    private final Optional<ConfigNode> credential;

    DeploymentParams(ConfigNode params, CredentialList credentials, Map<String, String> environment, ProviderCatalog.ProviderSpec spec) {
        this.params = params;
        this.environment = environment;
        this.spec = spec;
        this.credentialName = params.child("litellm_credential_name").optionalString();
        this.credential = credentialName.flatMap(credentials::values);
    }

    /** A {@code litellm_credential_name} that {@code credential_list} does not define. */
    Optional<String> credentialProblem() {
        return credentialName.filter(name -> credential.isEmpty()).map(name -> params.child("litellm_credential_name").path()
                + " names credential '" + name + "', which credential_list does not define");
    }

    Value apiKey() {
        return lookup("api_key", spec.apiKeyVariables(), Optional.empty());
    }

    Value apiBase() {
        return lookup("api_base", spec.apiBaseVariables(), spec.defaultApiBase());
    }

    Value apiVersion() {
        return lookup("api_version", spec.apiVersionVariables(), Optional.empty());
    }

    private Value lookup(String key, List<String> variables, Optional<String> fallback) {
        ConfigNode own = params.child(key);
        Optional<String> unresolved = unset(own);
        Optional<String> value = unresolved.isPresent() ? Optional.empty() : own.optionalString();
        if (value.isPresent()) {
            return new Value(value, "litellm_params." + key, Optional.empty());
        }
        if (credential.isPresent()) {
            ConfigNode shared = credential.get().child(key);
            Optional<String> sharedUnset = unset(shared);
            unresolved = unresolved.or(() -> sharedUnset);
            Optional<String> sharedValue = sharedUnset.isPresent() ? Optional.empty() : shared.optionalString();
            if (sharedValue.isPresent()) {
                return new Value(sharedValue, "credential:" + credentialName.orElseThrow(), Optional.empty());
            }
        }
        for (String variable : variables) {
            String fromEnvironment = environment.get(variable);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return new Value(Optional.of(fromEnvironment.strip()), "env:" + variable, Optional.empty());
            }
        }
        if (unresolved.isPresent()) {
            return new Value(Optional.empty(), own.path(), unresolved);
        }
        return fallback.map(byDefault -> new Value(Optional.of(byDefault), "default", Optional.empty()))
                .orElseGet(() -> new Value(Optional.empty(), own.path(), Optional.empty()));
    }

    private static Optional<String> unset(ConfigNode node) {
        return node.unsetVariable().map(variable -> node.path() + " refers to environment variable " + variable + ", which is not set");
    }
}
