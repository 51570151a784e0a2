package dev.llmhealth.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A long-running program (HAProxy, nginx) started by a test, with its output kept for failure messages. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Path workDirectory;
    private final Process process;
    private final Path output;

    private ChildProcess(String name, Path workDirectory, Process process, Path output) {
        this.name = name;
        this.workDirectory = workDirectory;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code command}, its output going to {@code NAME.out} in the work directory. */
    static ChildProcess start(String name, Path workDirectory, List<String> command) {
        Path output = workDirectory.resolve(name + ".out");
        return new ChildProcess(name, workDirectory, ExternalProgram.start(output, command), output);
    }

    /** With exactly this environment (none of the test's own, e.g. DATABASE_URL). */
    static ChildProcess start(String name, Path workDirectory, List<String> command, Map<String, String> environment) {
        Path output = workDirectory.resolve(name + ".out");
        return new ChildProcess(name, workDirectory, ExternalProgram.start(output, command, environment), output);
    }

    Path workDirectory() {
        return workDirectory;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM on Linux, as Kubernetes, Docker and systemd stop a process. */
    void terminate() {
        process.destroy();
    }

    /** Its exit code, once it exited within the bound. */
    java.util.OptionalInt waitFor(java.time.Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** What it printed so far (standard output and error together). */
    String printed() {
        return ExternalProgram.read(output);
    }

    /** What it printed so far, for assertion messages. */
    String output() {
        return name + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")") + ":\n"
                + ExternalProgram.read(output);
    }

    @Override
    public void close() {
        ExternalProgram.stop(process);
    }
}
