package io.hfhub;

import io.hfhub.config.HubConfig;
import io.hfhub.http.Sleeper;
import io.hfhub.testkit.HubServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Clients wired to a testkit Hub with an empty environment, a temp cache and no real sleeping. */
public final class TestHubs {
    private TestHubs() {}

    /** A builder for {@code server}: empty environment (no token, not offline), retries without sleeping. */
    public static HfHub.Builder builder(HubServer server, Path cache) {
        return builder(server.endpoint(), cache);
    }

    /** The same for an endpoint that may be down. */
    public static HfHub.Builder builder(String endpoint, Path cache) {
        return HfHub.builder()
                .environment(Map.of())
                .endpoint(endpoint)
                .cacheDir(cache)
                .sleeper(d -> {})
                .downloadTimeout(Duration.ofSeconds(5))
                .etagTimeout(Duration.ofSeconds(5));
    }

    /**
     * The class path for a child JVM that runs test code: surefire runs the tests inside the module, with the
     * module's classes and dependencies on the module path, so both paths together, all on the class path.
     */
    public static String childClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String modulePath = System.getProperty("jdk.module.path");
        return modulePath == null ? classPath : classPath + java.io.File.pathSeparator + modulePath;
    }

    /**
     * Test seam: {@code builder} with retries waiting through {@code sleeper} (the builder's {@code sleeper} is
     * package-private, not API), for tests outside {@code io.hfhub}.
     */
    public static HfHub.Builder withSleeper(HfHub.Builder builder, Sleeper sleeper) {
        return builder.sleeper(sleeper);
    }

    /** Test seam: the settings {@code hub} resolved ({@code HubConfig} is internal, so not in the API). */
    public static HubConfig config(HfHub hub) {
        return hub.config();
    }

    /** Records every progress event as a line, for assertions. */
    public static final class RecordingListener implements ProgressListener {
        public final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void started(String name, long total, long alreadyDone) {
            events.add("started " + name + " " + total + " " + alreadyDone);
        }

        @Override
        public void retrying(String name, int attempt, String reason, long delayMillis) {
            events.add("retrying " + name + " " + attempt + " " + reason);
        }

        @Override
        public void usingCache(String name, String reason) {
            events.add("cache " + name + " " + reason);
        }

        @Override
        public void finished(String name, long total) {
            events.add("finished " + name + " " + total);
        }

        @Override
        public void failed(String name, Throwable error) {
            events.add("failed " + name + " " + error.getClass().getSimpleName());
        }
    }
}
