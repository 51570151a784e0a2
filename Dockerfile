# syntax=docker/dockerfile:1
# LiteLLM-compatible health service. Build: docker build -t llm-health .
# Run:   docker run -p 4000:4000 -v "$PWD/config.yaml:/etc/llm-health/config.yaml:ro" llm-health
# Stage 1 builds the self-contained distribution (-Pdist: deploy/dist/build-dist.sh): a jlink runtime
# holding only the modules jdeps finds in the jar, the jar, the launcher deploy/docker/health-app and, with a
# JDK 25+ runtime, the AOT cache trained at build time (bin/aot-train.sh: lib/health-app.aot, used by the launcher;
# on a JDK 21 base the image simply starts without one).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY health-domain health-domain
COPY health-adapters-probes health-adapters-probes
COPY health-adapters-http health-adapters-http
COPY health-adapters-alerts health-adapters-alerts
COPY health-embedded health-embedded
COPY health-app health-app
COPY architecture-tests architecture-tests
COPY deploy deploy
COPY config config
COPY bin bin
RUN ./mvnw -B -q -Pdist -DskipTests -pl health-app -am package \
 && mkdir -p /opt/llm-health \
 && tar -xzf health-app/target/dist/llm-health-*.tar.gz --strip-components=1 -C /opt/llm-health \
 && test -x /opt/llm-health/runtime/bin/java && test -x /opt/llm-health/bin/health-app

# Stage 2: a slim base with curl (for the spec's HEALTHCHECK) and the runtime; no JDK, no Maven.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 llmhealth \
 && useradd --system --uid 10001 --gid llmhealth --no-create-home --shell /usr/sbin/nologin llmhealth
COPY --from=build /opt/llm-health /opt/llm-health
ENV PORT=4000 HOST=0.0.0.0
USER 10001:10001
EXPOSE 4000
# The spec's line, unchanged. On an image without curl use the app's own check instead:
#   HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD ["/opt/llm-health/bin/health-app", "healthcheck", "http://localhost:4000/health"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD curl -f http://localhost:4000/health || exit 1
ENTRYPOINT ["/opt/llm-health/bin/health-app"]
CMD ["--config", "/etc/llm-health/config.yaml"]
