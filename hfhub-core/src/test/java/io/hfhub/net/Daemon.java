package io.hfhub.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server program from Debian (nginx, tinyproxy) started by a test on a free loopback port and always
 * stopped: by {@link #close()}, or by a shutdown hook if the test JVM ends first.
 */
final class Daemon implements AutoCloseable {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private final Process process;
    private final Thread hook;
    private final Path log;
    private final int port;

    private Daemon(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.hook = new Thread(this::stop, "stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The program's path. Missing, the test is skipped on a developer's machine but fails in CI ({@code CI=true}),
     * where {@code .ci/run} installs it.
     */
    static Path program(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + ":" + String.join(":", SYSTEM_DIRS)).split(":")) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(name + " is not installed: .ci/run installs it from Debian's packages");
        }
        Assumptions.abort(name + " is not installed (apt-get install " + name + "); skipped outside CI");
        return null;
    }

    /** A loopback port free right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code command} (output to {@code log}) and waits until it accepts connections on {@code port}. */
    static Daemon start(List<String> command, Path log, int port) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Daemon daemon = new Daemon(process, log, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                daemon.close();
                fail(command.get(0) + " exited with " + process.exitValue() + ": " + daemon.log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return daemon;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        daemon.close();
        fail(command.get(0) + " did not listen on port " + port + ": " + daemon.log());
        return null;
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** What the program wrote so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to do
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
