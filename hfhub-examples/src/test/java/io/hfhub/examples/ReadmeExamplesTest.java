package io.hfhub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's snippets ({@link ReadmeExamples#main}) in a JVM of their own, configured as a user's would
 * be, by environment variables only (the testkit Hub as {@code HF_ENDPOINT}, a fresh {@code HF_HOME}, a
 * token), and checks that each one did its work.
 */
class ReadmeExamplesTest {
    private static final String TOKEN = "hf_readmeExampleToken000000000000";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path home;

    @Test
    void theReadmeSnippetsRunAgainstAHubGivenByTheEnvironment() throws Exception {
        hub.repo("openai-community/gpt2").file("config.json", "{\"model_type\": \"gpt2\"}");
        hub.repo("org/model").file("config.json", "{}").lfsFile("model.safetensors", new byte[3000])
                .revision("refs/pr/1").lfsFile("fp16/model.safetensors", new byte[1500]);
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", tarGz("cats/1.txt", "meow"));
        hub.repo("acme/big").lfsFile("data.parquet", "PAR1 and the rest".getBytes(StandardCharsets.UTF_8));
        hub.server().user(TOKEN, "readme-user", "laptop");

        ProcessBuilder builder = new ProcessBuilder(javaCommand()).redirectErrorStream(true);
        // Only what the test decides: none of this machine's HF_* settings, proxies or CA bundles.
        builder.environment().keySet().removeIf(name -> name.startsWith("HF_") || name.startsWith("HUGGING")
                || name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy") || name.endsWith("CA_BUNDLE")
                || name.startsWith("SSL_CERT"));
        builder.environment().put("HF_ENDPOINT", hub.server().endpoint());
        builder.environment().put("HF_HOME", home.toString());
        builder.environment().put("HF_TOKEN", TOKEN);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (var in = process.getInputStream()) {
            in.transferTo(output);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();

        Path cache = home.resolve("hub");
        assertThat(cache.resolve("models--openai-community--gpt2/snapshots")).isDirectory();
        assertThat(printed).contains("listener: finished fp16/model.safetensors 1500");
        assertThat(printed).contains("async: config at config.json").contains("logging: io.hfhub at FINE");
        assertThat(extractedFile(cache.resolve("datasets--acme--archives/extracted"), "cats/1.txt")).hasContent("meow");
        Path main = cache.resolve("models--org--model/snapshots/" + hub.repo("org/model").commit("main"));
        assertThat(main.resolve("model.safetensors")).hasSize(3000); // snapshot(), with its allowPatterns
        assertThat(main.resolve("config.json")).exists();
        assertThat(cache.resolve("models--acme--big")).doesNotExist(); // open() streamed it without caching
        assertThat(requests("/data.parquet")).isNotEmpty();
        assertThat(requests("/api/whoami-v2")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(requests("/api/models/org/model")).isNotEmpty(); // listFiles
        assertThat(home.resolve("images/cats/1.txt")).hasContent("meow"); // Archives.extract
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(ReadmeExamples.class.getName());
        return command;
    }

    private List<RecordedRequest> requests(String pathPart) {
        return hub.server().requests().stream().filter(r -> r.target().contains(pathPart)).toList();
    }

    /** {@code extracted/<hash8>/<name>}: the one folder there holding it (a record file sits beside it). */
    private static Path extractedFile(Path extracted, String name) throws IOException {
        try (var children = Files.list(extracted)) {
            return children.map(folder -> folder.resolve(name)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " under " + extracted));
        }
    }

    private static byte[] tarGz(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
