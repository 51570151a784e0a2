package dev.llmhealth.app;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own checker, from the Debian package {@code prometheus} (.ci/run installs it). When
 * it is not installed the calling test is skipped, saying so, rather than passing unchecked.
 */
final class Promtool {

    /** What a run printed (stdout and stderr together) and returned. */
    record Result(int exitCode, String output) {
    }

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    static Promtool require() {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(p -> !p.isBlank()),
                        Stream.of("/usr/bin", "/usr/local/bin"))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        Assumptions.assumeTrue(found.isPresent(),
                "skipped: promtool is not installed (Debian package prometheus; .ci/run installs it when apt-get can)");
        return new Promtool(found.get());
    }

    Result run(Optional<String> stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin.isPresent()) {
                in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The repository's {@code deploy/} folder, found from the module the tests run in. */
    static Path deployDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/prometheus"))) {
                return dir.resolve("deploy");
            }
        }
        throw new AssertionError("no deploy/prometheus above " + Path.of("").toAbsolutePath());
    }
}
