package dev.llmhealth.app.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Reads {@link ReplicaSettings} from {@code general_settings} and {@code LLM_HEALTH_REPLICA}. */
final class ReplicaSettingsReader {

    /** Overrides {@code probe_coordination_namespace}, as the environment overrides the file everywhere. */
    static final String NAMESPACE_VARIABLE = "PROBE_COORDINATION_NAMESPACE";

    private final Map<String, String> environment;

    ReplicaSettingsReader(Map<String, String> environment) {
        this.environment = environment;
    }

    ReplicaSettings read(ConfigNode general) {
        ConfigNode coordination = general.child("probe_coordination");
        String mode = coordination.optionalString().map(m -> m.toLowerCase(Locale.ROOT)).orElse("redis");
        if (!mode.equals("redis") && !mode.equals("local")) {
            throw new ConfigException(coordination.path(), "must be redis (share probe leases and verdicts through Redis) or local");
        }
        ConfigNode namespaceNode = general.child("probe_coordination_namespace");
        Optional<String> fromEnvironment = Optional.ofNullable(environment.get(NAMESPACE_VARIABLE)).filter(n -> !n.isBlank());
        String namespace = fromEnvironment.or(namespaceNode::optionalString).orElse(ReplicaSettings.DEFAULT_NAMESPACE);
        if (!namespace.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new ConfigException(fromEnvironment.isPresent() ? NAMESPACE_VARIABLE : namespaceNode.path(),
                    "must be 1 to 64 letters, digits or _ . : -");
        }
        int days = general.child("health_history_retention_days").intOr((int) ReplicaSettings.DEFAULT_RETENTION.toDays(), 1, 36_500);
        int capacity = general.child("health_history_buffer").intOr(ReplicaSettings.DEFAULT_HISTORY_CAPACITY, 1, 10_000_000);
        return new ReplicaSettings(replicaName(), mode.equals("redis"), namespace, Duration.ofDays(days), capacity);
    }

    /** Unique per start unless set: two processes on one host must never share a lease holder's name. */
    private String replicaName() {
        Optional<String> named = Optional.ofNullable(environment.get("LLM_HEALTH_REPLICA")).map(String::strip).filter(n -> !n.isEmpty());
        if (named.isPresent()) {
            if (!named.get().matches("[A-Za-z0-9_.:-]{1,100}")) {
                throw new ConfigException("LLM_HEALTH_REPLICA", "must be 1 to 100 letters, digits or _ . : -");
            }
            return named.get();
        }
        String host = Optional.ofNullable(environment.get("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(ReplicaSettingsReader::localHost);
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return host.replaceAll("[^A-Za-z0-9_.:-]", "_") + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return "replica";
        }
    }
}
