package dev.llmhealth.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs operators put in front of the service (HAProxy, nginx, check_http, ab), found
 * where Debian installs them and run as child processes of the test: never the machine's services.
 * A missing program skips the test with a message naming it and its Debian package.
 */
final class ExternalProgram {

    private static final List<Path> SEARCH_PATH = Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(p -> !p.isBlank()).map(Path::of),
            Stream.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/lib/nagios/plugins",
                    "/usr/lib/monitoring-plugins").map(Path::of)).toList();

    /** What a finished run printed and returned. */
    record Result(int exitCode, String output) {
    }

    private ExternalProgram() {
    }

    /** The program's path; skips the calling test when it is not installed. */
    static Path require(String name, String debianPackage) {
        Optional<Path> found = SEARCH_PATH.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), () -> "skipped: " + name + " is not installed (Debian package "
                + debianPackage + "; .ci/run installs it with apt-get when it can)");
        return found.get();
    }

    /** Runs a command to its end; kills it and fails after {@code timeout}. */
    static Result run(Duration timeout, Path workDirectory, List<String> command) {
        Path output = workDirectory.resolve("run-" + System.nanoTime() + ".out");
        Process process = start(output, command);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new AssertionError(command + " did not finish within " + timeout.toSeconds() + " s:\n" + read(output));
            }
            return new Result(process.exitValue(), read(output));
        } catch (InterruptedException interrupted) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    /** A free loopback port for a child process to listen on. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    static Process start(Path output, List<String> command) {
        return start(output, command, System.getenv());
    }

    /** With exactly this environment, nothing else of the test's. */
    static Process start(Path output, List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close(); // nothing to say on its standard input
            return process;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start " + command, failed);
        }
    }

    /** Terminates the process and anything it started: politely first, then forcibly. */
    static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException failed) {
            return "(cannot read " + file + ": " + failed.getMessage() + ")";
        }
    }
}
