package dev.llmhealth.adapters.probes.testing;

import dev.llmhealth.adapters.probes.support.ConnectionUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the real PostgreSQL and Redis for tests are, in this order: environment variables
 * ({@code TEST_DATABASE_URL}; {@code TEST_REDIS_HOST}/{@code TEST_REDIS_PORT}), then a Testcontainers
 * container when a Docker engine is present, then the local default ports. Containers start once
 * per JVM and are left to Testcontainers' reaper.
 */
public final class TestServices {

    public record Postgres(String host, int port, String user, String password, String database) {

        /** LiteLLM's {@code DATABASE_URL} form. */
        public String databaseUrl() {
            return databaseUrlVia(host, port);
        }

        /** The same database reached through another address, e.g. a {@link TcpFaultProxy}. */
        public String databaseUrlVia(String viaHost, int viaPort) {
            String credentials = URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + (password.isEmpty() ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8));
            return "postgresql://" + credentials + "@" + viaHost + ":" + viaPort + "/" + database;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public record Redis(String host, int port) {
    }

    private static Postgres postgres;
    private static Redis redis;
    private static Boolean docker;

    private TestServices() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = fromEnvironmentUrl(System.getenv("TEST_DATABASE_URL"));
        }
        if (postgres == null && dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"));
            container.start();
            postgres = new Postgres(container.getHost(), container.getMappedPort(5432),
                    container.getUsername(), container.getPassword(), container.getDatabaseName());
        }
        if (postgres == null) {
            postgres = new Postgres("127.0.0.1", 5432, "postgres", "", "test");
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null && notBlank(System.getenv("TEST_REDIS_HOST"))) {
            String port = System.getenv("TEST_REDIS_PORT");
            redis = new Redis(System.getenv("TEST_REDIS_HOST"), notBlank(port) ? Integer.parseInt(port.strip()) : 6379);
        }
        if (redis == null && dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
            container.start();
            redis = new Redis(container.getHost(), container.getMappedPort(6379));
        }
        if (redis == null) {
            redis = new Redis("127.0.0.1", 6379);
        }
        return redis;
    }

    private static Postgres fromEnvironmentUrl(String url) {
        if (!notBlank(url)) {
            return null;
        }
        ConnectionUrl parts = ConnectionUrl.parse(url.strip().replaceFirst("^[a-z:]+//", ""), "TEST_DATABASE_URL");
        String[] hostPort = ConnectionUrl.splitHostPort(parts.hosts());
        int port = hostPort[1].isEmpty() ? 5432 : ConnectionUrl.parsePort(hostPort[1]);
        String database = parts.path().isEmpty() ? parts.user() : parts.path();
        return new Postgres(hostPort[0], port, parts.user(), parts.password(), database);
    }

    /**
     * Asks Testcontainers only where a Docker engine could be: without one, its discovery logs
     * errors and stack traces for every strategy it tries.
     */
    private static boolean dockerAvailable() {
        if (docker == null) {
            docker = dockerHinted() && askTestcontainers();
        }
        return docker;
    }

    private static boolean dockerHinted() {
        String home = System.getProperty("user.home", "");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return notBlank(System.getenv("DOCKER_HOST"))
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || (notBlank(runtimeDir) && Files.exists(Path.of(runtimeDir, "docker.sock")))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }

    private static boolean askTestcontainers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
