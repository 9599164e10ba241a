package io.hfhub;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one download in a child JVM: {@code endpoint cacheDir repoId filename bytesPerSecond [leaseSeconds]}; prints
 * the path.
 */
public final class ChildDownload {
    private ChildDownload() {}

    public static void main(String[] args) {
        HfHub.Builder builder = HfHub.builder().environment(Map.of()).endpoint(args[0])
                .cacheDir(Path.of(args[1])).bandwidthLimit(Long.parseLong(args[4]));
        if (args.length > 5) {
            builder.lease(java.time.Duration.ofSeconds(Long.parseLong(args[5])));
        }
        try (HfHub hub = builder.build()) {
            System.out.println(hub.download(args[2], args[3]));
        }
    }

    /** Starts this main in a child JVM with the test class path. */
    static Process start(String... args) throws java.io.IOException {
        return start(java.util.List.of(), args);
    }

    /** The same behind a command prefix, e.g. {@code unshare ... sh -c ...} to run it as another machine. */
    static Process start(java.util.List<String> prefix, String... args) throws java.io.IOException {
        String cp = TestHubs.childClassPath();
        java.util.List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", cp, ChildDownload.class.getName()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
