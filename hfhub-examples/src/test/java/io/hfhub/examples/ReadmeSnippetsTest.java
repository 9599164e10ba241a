package io.hfhub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README shows exactly the snippets of {@link ReadmeExamples}, which compile and run: no drift either way. */
class ReadmeSnippetsTest {
    private static final Path SOURCE = Path.of("src/main/java/io/hfhub/examples/ReadmeExamples.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void everySnippetIsAJavaBlockOfTheReadmeVerbatim() throws IOException {
        Map<String, String> snippets = snippets(Files.readString(SOURCE));
        assertThat(snippets).containsOnlyKeys("library", "logging", "async", "archives");
        List<String> blocks = javaBlocks(Files.readString(README));
        for (Map.Entry<String, String> snippet : snippets.entrySet()) {
            assertThat(blocks).as("README.md has a ```java block equal to the snippet '" + snippet.getKey()
                    + "' of " + SOURCE).contains(snippet.getValue());
        }
    }

    @Test
    void theReadmeShowsNoOtherLibraryCode() throws IOException {
        // Every java block of the README is one of the compiled snippets (a new one must be added there first).
        List<String> blocks = javaBlocks(Files.readString(README));
        assertThat(blocks).isNotEmpty();
        assertThat(snippets(Files.readString(SOURCE)).values()).containsAll(blocks);
    }

    /** The regions between "// README begin NAME" and "// README end", without their common indentation. */
    static Map<String, String> snippets(String source) {
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^[ \\t]*// README begin (\\w+)\\n(.*?)^[ \\t]*// README end\\n", Pattern.DOTALL)
                .matcher(source);
        while (m.find()) {
            snippets.put(m.group(1), dedent(m.group(2)));
        }
        return snippets;
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String dedent(String text) {
        int indent = Integer.MAX_VALUE;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
        }
        return out.substring(0, out.length() - 1); // split(-1) gave one empty piece after the final newline
    }
}
