package dev.llmhealth.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile, read the way {@code docker build} reads it (continuation lines joined, comments
 * dropped), since no Docker engine is here to build it: the spec's HEALTHCHECK exactly, a non-root
 * USER and EXPOSE 4000 in the final stage, a multi-stage build, and sources that exist. The launcher
 * script it ships is run with a stub java to prove its command line.
 */
class DockerfileTest {

    static final String SPEC_HEALTHCHECK =
            "HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD curl -f http://localhost:4000/health || exit 1";

    record Instruction(String keyword, String arguments) {
        @Override
        public String toString() {
            return keyword + " " + arguments;
        }
    }

    private static Path root;
    private static List<Instruction> all;
    private static List<Instruction> finalStage;

    @BeforeAll
    static void parse() throws IOException {
        root = KubernetesManifestsTest.deployDirectory().getParent();
        all = instructions(Files.readAllLines(root.resolve("Dockerfile")));
        int lastFrom = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        finalStage = all.subList(lastFrom, all.size());
    }

    @Test
    void healthcheckIsTheSpecsLineExactly() {
        List<Instruction> healthchecks = finalStage.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList();
        assertEquals(1, healthchecks.size(), "one HEALTHCHECK in the final stage");
        assertEquals(SPEC_HEALTHCHECK, healthchecks.get(0).toString());
        // the final image has curl for it
        assertTrue(finalStage.stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().matches(".*install .*\\bcurl\\b.*")),
                "curl installed in the final stage");
    }

    @Test
    void theCurlLessAlternativeIsDocumented() throws IOException {
        String text = Files.readString(root.resolve("Dockerfile"));
        assertTrue(text.contains("\"healthcheck\", \"http://localhost:4000/health\""), "the healthcheck subcommand variant");
    }

    @Test
    void finalStageRunsAsANonRootUser() {
        List<Instruction> users = finalStage.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertFalse(users.isEmpty(), "a USER in the final stage");
        String user = users.get(users.size() - 1).arguments().split(":")[0];
        assertFalse(user.equals("root") || user.equals("0"), "USER " + user);
        if (user.matches("\\d+")) {
            assertTrue(Integer.parseInt(user) >= 1000, "a non-system uid: " + user);
        }
        // USER comes before the process starts (ENTRYPOINT/CMD) and after the last RUN that needs root
        int userAt = finalStage.lastIndexOf(users.get(users.size() - 1));
        for (int i = userAt; i < finalStage.size(); i++) {
            assertFalse(finalStage.get(i).keyword().equals("RUN"), "RUN as the non-root user: " + finalStage.get(i));
        }
    }

    @Test
    void finalStageExposes4000() {
        assertTrue(finalStage.stream().anyMatch(i -> i.keyword().equals("EXPOSE") && List.of(i.arguments().split("\\s+")).contains("4000")));
    }

    @Test
    void isMultiStageAndCopiesTheRuntimeFromTheBuildStage() {
        List<Instruction> froms = all.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertTrue(froms.size() >= 2, "multi-stage");
        String buildStage = froms.get(0).arguments().replaceAll("(?i).*\\sAS\\s+", "").trim();
        assertTrue(finalStage.stream().anyMatch(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from=" + buildStage + " ")));
        assertTrue(all.stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("-Pdist")),
                "the jlink distribution (-Pdist)");
        assertFalse(finalStage.get(0).arguments().contains("jdk"), "no JDK in the final image: " + finalStage.get(0));
    }

    @Test
    void copiedSourcesExistAndTheEntrypointIsTheLauncher() {
        for (Instruction copy : all) {
            if (!copy.keyword().equals("COPY") || copy.arguments().startsWith("--from")) {
                continue;
            }
            String[] parts = copy.arguments().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                assertTrue(Files.exists(root.resolve(parts[i])), "COPY source " + parts[i]);
            }
        }
        Instruction entrypoint = finalStage.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow();
        assertTrue(entrypoint.arguments().startsWith("["), "exec form, so signals reach the JVM");
        assertTrue(entrypoint.arguments().contains("\"/opt/llm-health/bin/health-app\""));
        // the distribution's layout is what the ENTRYPOINT expects: build-dist.sh puts the launcher in bin/
        assertTrue(all.stream().anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("-C /opt/llm-health")));
    }

    @Test
    void theLauncherRunsTheBundledRuntimeWithTheJarAndItsArguments(@TempDir Path image) throws Exception {
        Path bin = Files.createDirectories(image.resolve("bin"));
        Path runtime = Files.createDirectories(image.resolve("runtime/bin"));
        Files.createDirectories(image.resolve("lib"));
        Files.copy(root.resolve("deploy/docker/health-app"), bin.resolve("health-app"));
        Path java = runtime.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin.resolve("health-app"), PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> args = run(List.of(bin.resolve("health-app").toString(), "healthcheck", "http://localhost:4000/health"), null);
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx64m", "-Xss512k", "-jar", image.toRealPath().resolve("lib/health-app.jar").toString(),
                "healthcheck", "http://localhost:4000/health"), args);
        List<String> custom = run(List.of(bin.resolve("health-app").toString(), "--version"), "-Xmx32m");
        assertEquals("-Xmx32m", custom.get(0));
        assertEquals("--version", custom.get(custom.size() - 1));
    }

    /** The AOT cache is used only by a JDK 25+ runtime and with the options it was trained with; JDK 21 starts without it. */
    @Test
    void theLauncherUsesTheAotCacheOnlyWhereTheRuntimeHasAotSupport(@TempDir Path image) throws Exception {
        Path bin = Files.createDirectories(image.resolve("bin"));
        Path runtime = Files.createDirectories(image.resolve("runtime/bin"));
        Path lib = Files.createDirectories(image.resolve("lib"));
        Files.copy(root.resolve("deploy/docker/health-app"), bin.resolve("health-app"));
        Files.setPosixFilePermissions(bin.resolve("health-app"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = runtime.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(lib.resolve("health-app.aot"), "trained");
        String aot = "-XX:AOTCache=" + image.toRealPath().resolve("lib/health-app.aot");
        List<String> launcher = List.of(bin.resolve("health-app").toString(), "--version");

        Files.writeString(image.resolve("runtime/release"), "JAVA_VERSION=\"25.0.1\"\n");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx64m", "-Xss512k", aot, "-Xlog:aot*=error", "-jar",
                image.toRealPath().resolve("lib/health-app.jar").toString(), "--version"), run(launcher, null));
        assertFalse(run(launcher, "-Xmx32m").contains(aot), "other options than the cache was trained with: no cache");

        Files.writeString(image.resolve("runtime/release"), "JAVA_VERSION=\"21.0.5\"\n");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx64m", "-Xss512k", "-jar", image.toRealPath().resolve("lib/health-app.jar").toString(),
                "--version"), run(launcher, null), "JDK 21 has no AOT cache: started without one");
    }

    private static List<String> run(List<String> command, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("HEALTH_APP_JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("HEALTH_APP_JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }

    /** Dockerfile syntax: {@code \} continues a line, {@code #} lines are comments (also inside a continued instruction). */
    static List<Instruction> instructions(List<String> lines) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip().replaceAll("\\s+", " ");
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1)));
        }
        return result;
    }
}
