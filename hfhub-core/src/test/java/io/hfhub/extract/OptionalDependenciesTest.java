package io.hfhub.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.MissingDependencyException;
import io.hfhub.RepoType;
import io.hfhub.testkit.HubServerExtension;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * hfhub-core declares Commons Compress, xz and zstd-jni optional: a user who never extracts does not have
 * them. Each test runs hfhub in a class loader whose class path is this test's minus some of those jars, as
 * an application's would be, and checks that downloading works without them and that extracting a format
 * that needs one fails with {@link MissingDependencyException} naming it, not with a NoClassDefFoundError.
 */
class OptionalDependenciesTest {
    private static final Set<String> ALL_OPTIONAL = Set.of("commons-compress", "xz", "zstd-jni");

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path tmp;

    @Test
    void withoutAnyExtractionJarDownloadsWorkAndGzipStillExtracts() throws Exception {
        byte[] text = "a".repeat(2000).getBytes(StandardCharsets.UTF_8); // over one tar block: detection looks at it
        hub.repo("org/plain").file("notes.txt", text).lfsFile("weights.bin", new byte[100_000]);
        Path gz = TestArchives.single(tmp.resolve("hello.txt.gz"), "gz", "hello".getBytes(StandardCharsets.UTF_8));

        String result = run(ALL_OPTIONAL, "downloadAndExtract", hub.server().endpoint(), tmp.resolve("cache").toString(),
                gz.toString(), tmp.resolve("out").toString());

        assertThat(result).isEqualTo("notes.txt 2000, weights.bin 100000, notes.txt not an archive, given as itself, hello.txt.gz -> hello.txt");
    }

    @Test
    void eachFormatNamesTheJarItLacks() throws Exception {
        Path tarGz = TestArchives.tar(tmp.resolve("a.tar.gz"), "gz", tar -> TestArchives.file(tar, "x.txt", "x"));
        Path zip = TestArchives.zip(tmp.resolve("a.zip"), z -> { });
        Path xz = TestArchives.single(tmp.resolve("b.txt.xz"), "xz", new byte[10]);
        Path tarXz = TestArchives.tar(tmp.resolve("c.tar.xz"), "xz", tar -> TestArchives.file(tar, "x.txt", "x"));
        Path zst = TestArchives.single(tmp.resolve("d.txt.zst"), "zst", new byte[10]);
        Path bz2 = TestArchives.single(tmp.resolve("e.txt.bz2"), "bz2", new byte[10]);

        assertThat(extractWithout(ALL_OPTIONAL, tarGz)).isEqualTo("missing org.apache.commons:commons-compress");
        assertThat(extractWithout(ALL_OPTIONAL, zip)).isEqualTo("missing org.apache.commons:commons-compress");
        assertThat(extractWithout(ALL_OPTIONAL, bz2)).isEqualTo("missing org.apache.commons:commons-compress");
        assertThat(extractWithout(Set.of("xz"), xz)).isEqualTo("missing org.tukaani:xz");
        assertThat(extractWithout(Set.of("xz"), tarXz)).isEqualTo("missing org.tukaani:xz");
        assertThat(extractWithout(Set.of("xz"), tarGz)).isEqualTo("extracted 1 file(s)"); // xz is not needed there
        assertThat(extractWithout(Set.of("zstd-jni"), zst)).isEqualTo("missing com.github.luben:zstd-jni");
        assertThat(extractWithout(Set.of("zstd-jni"), xz)).isEqualTo("extracted 1 file(s)");
    }

    @Test
    void downloadWithExtractNamesTheJarBeforeAnyWork() throws Exception {
        Path tarGz = TestArchives.tar(tmp.resolve("images.tar.gz"), "gz", tar -> TestArchives.file(tar, "cat.txt", "meow"));
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", Files.readAllBytes(tarGz));

        String result = run(ALL_OPTIONAL, "downloadExtracting", hub.server().endpoint(), tmp.resolve("cache").toString());

        assertThat(result).startsWith("missing org.apache.commons:commons-compress: extracting images.tar.gz (TAR_GZ) needs "
                + "org.apache.commons:commons-compress, which is not on the class path");
        // the archive itself was downloaded and stays cached; no extraction folder was left behind
        Path repo = tmp.resolve("cache/datasets--acme--archives");
        assertThat(repo.resolve("snapshots")).isDirectory();
        assertThat(repo.resolve("extracted")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    private String extractWithout(Set<String> hidden, Path archive) throws Exception {
        Path dest = tmp.resolve("dest-" + archive.getFileName() + "-" + String.join("+", new java.util.TreeSet<>(hidden)));
        return run(hidden, "extract", archive.toString(), dest.toString());
    }

    /** Calls {@code Scenario.<method>} in a class loader without the {@code hidden} jars. */
    private static String run(Set<String> hidden, String method, String... args) throws Exception {
        // Surefire runs hfhub-core's tests on the module path (jdk.module.path) with the rest on the class path;
        // the restricted loader puts all of it on one class path, as an application without modules has it.
        String classPath = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int dropped = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            String name = Path.of(entry).getFileName().toString();
            if (hidden.stream().anyMatch(artifact -> name.matches(java.util.regex.Pattern.quote(artifact) + "-[0-9].*\\.jar"))) {
                dropped++;
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        assertThat(dropped).as("jars hidden from " + classPath).isEqualTo(hidden.size());
        try (URLClassLoader loader = new ChildFirst(urls.toArray(URL[]::new), hidden)) {
            Class<?> scenario = loader.loadClass(Scenario.class.getName());
            assertThat(scenario).isNotSameAs(Scenario.class);
            try {
                return (String) scenario.getMethod(method, String[].class).invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw new AssertionError("the scenario failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * Finds every class in its own URLs first. The platform loader alone is not a parent that isolates: it hands
     * the packages of the boot layer's modules (hfhub-core itself, and the extraction jars when surefire put them
     * on the module path) to the application loader, so a hidden jar's packages are refused here outright.
     */
    private static final class ChildFirst extends URLClassLoader {
        private static final java.util.Map<String, String> PACKAGES = java.util.Map.of(
                "commons-compress", "org.apache.commons.compress.", "xz", "org.tukaani.xz.",
                "zstd-jni", "com.github.luben.zstd.");
        private final List<String> refused;

        ChildFirst(URL[] urls, Set<String> hidden) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.refused = hidden.stream().map(PACKAGES::get).toList();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (refused.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name + " (hidden by the test)");
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        loaded = super.loadClass(name, false); // the JDK's own classes
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** Runs inside the restricted class loader; talks to the test through strings only. */
    public static final class Scenario {
        private Scenario() {}

        public static String downloadAndExtract(String... args) {
            Path cache = Path.of(args[1]);
            try (HfHub client = HfHub.builder().endpoint(args[0]).cacheDir(cache).noToken().build()) {
                Path notes = client.download("org/plain", "notes.txt");
                Path weights = client.download("org/plain", "weights.bin");
                Path notesExtracted = client.download(FileRequest.builder("org/plain", "notes.txt").extract(true).build());
                var result = Archives.extract(Path.of(args[2]), Path.of(args[3]), ExtractOptions.defaults());
                return "notes.txt " + Files.size(notes) + ", weights.bin " + Files.size(weights)
                        + ", notes.txt " + (Files.mismatch(notesExtracted, notes) == -1 ? "not an archive, given as itself" : "changed")
                        + ", hello.txt.gz -> " + result.files().get(0).path();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public static String extract(String... args) {
            try {
                var result = Archives.extract(Path.of(args[0]), Path.of(args[1]), ExtractOptions.defaults());
                return "extracted " + result.files().size() + " file(s)";
            } catch (MissingDependencyException e) {
                return "missing " + e.artifact();
            }
        }

        public static String downloadExtracting(String... args) {
            try (HfHub client = HfHub.builder().endpoint(args[0]).cacheDir(Path.of(args[1])).noToken().build()) {
                client.download(FileRequest.builder("acme/archives", "images.tar.gz").repoType(RepoType.DATASET)
                        .extract(true).build());
                return "extracted";
            } catch (MissingDependencyException e) {
                return "missing " + e.artifact() + ": " + e.getMessage();
            }
        }
    }
}
