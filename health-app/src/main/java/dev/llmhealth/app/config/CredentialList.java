package dev.llmhealth.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's reusable credentials: {@code credential_list: [{credential_name, credential_values: {api_key,
 * api_base, api_version, ...}, credential_info}]}, which a deployment names in
 * {@code litellm_params.litellm_credential_name}. The first credential of a name counts, as in LiteLLM.
 */
final class CredentialList {

    static final CredentialList NONE = new CredentialList(Map.of());

    private final Map<String, ConfigNode> valuesByName;

    private CredentialList(Map<String, ConfigNode> valuesByName) {
        this.valuesByName = valuesByName;
    }

    static CredentialList read(ConfigNode list) {
        Map<String, ConfigNode> byName = new LinkedHashMap<>();
        for (ConfigNode credential : list.list()) {
            String name = credential.child("credential_name").requiredString();
            ConfigNode values = credential.child("credential_values");
            values.child("api_key"); // a credential_values that is not a mapping fails here, naming its path
            byName.putIfAbsent(name, values);
        }
        return new CredentialList(byName);
    }

    /** The {@code credential_values} of that name. */
    Optional<ConfigNode> values(String name) {
        return Optional.ofNullable(valuesByName.get(name));
    }
}
