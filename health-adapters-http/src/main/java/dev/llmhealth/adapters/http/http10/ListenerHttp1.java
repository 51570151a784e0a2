package dev.llmhealth.adapters.http.http10;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelectorProvider;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A listener's own HTTP/1 settings, and an HTTP/1.1 connection selector built from them exactly as
 * Helidon builds its built-in one (same provider, same config, same upgraders). A connection this
 * module claimed before its first line was complete continues on it when that line turns out not
 * to be HTTP/1.0, so it is served as if Helidon had taken it directly.
 */
final class ListenerHttp1 {

    /** The settings and selector of one listener. */
    record Settings(ListenerContext listener, Http1Config config, ServerConnectionSelector selector) {
    }

    private volatile Settings last;

    /** Built once per listener; a selector serving several listeners rebuilds when the listener changes. */
    Settings of(ListenerContext listener) {
        Settings current = last;
        if (current == null || current.listener() != listener) {
            current = build(listener);
            last = current;
        }
        return current;
    }

    private static Settings build(ListenerContext listener) {
        ListenerConfig listenerConfig = listener.config();
        List<ProtocolConfig> protocols = listenerConfig.protocols();
        Http1Config http1 = protocols.stream()
                .filter(Http1Config.class::isInstance)
                .map(Http1Config.class::cast)
                .findFirst()
                .orElseGet(Http1Config::create);
        ServerConnectionSelectorProvider<Http1Config> provider = http1Provider();
        return new Settings(listener, http1, provider.create(listenerConfig.name(), http1, ProtocolConfigs.create(protocols)));
    }

    @SuppressWarnings("unchecked")
    private static ServerConnectionSelectorProvider<Http1Config> http1Provider() {
        // the loader that holds Helidon sees its providers, whatever the calling thread's context loader is
        return ServiceLoader.load(ServerConnectionSelectorProvider.class, ServerConnectionSelectorProvider.class.getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.protocolConfigType() == Http1Config.class)
                .map(provider -> (ServerConnectionSelectorProvider<Http1Config>) provider)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Helidon's HTTP/1.1 connection provider is not on the class path"));
    }
}
