package io.hfhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The record of a finished extraction, {@code extracted/<name>.sha256} beside the folder {@code extracted/<name>/}:
 * the SHA-256 of the archive blob the folder was extracted from, and the regular files it holds with their
 * sizes. It is written last, after the folder is complete and in place, in one atomic step
 * ({@link AtomicFiles#createNew}), so a record always vouches for a complete folder, and a folder without one
 * is an extraction that was interrupted. Deleting goes the other way: the record first, then the folder.
 *
 * <p>On disk a JSON object {@code {"sha256": "...", "files": {"path": size, ...}}}. Earlier hfhub builds wrote
 * the bare SHA-256, before extracting: such a legacy record ({@code files} empty) does not prove its folder is
 * complete, so the folder is extracted again.
 *
 * @param sha256 the archive blob's SHA-256, lower case
 * @param files  regular file path (with {@code /}) → size; empty for a legacy record
 */
public record ExtractionRecord(String sha256, Optional<Map<String, Long>> files) {
    /** {@code extracted/<name>.sha256} records {@code extracted/<name>/}. */
    public static final String SUFFIX = ".sha256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ExtractionRecord {
        files = files.map(f -> java.util.Collections.unmodifiableMap(new TreeMap<>(f)));
    }

    /** A complete record of {@code sha256}'s extraction holding these files. */
    public static ExtractionRecord of(String sha256, Map<String, Long> files) {
        return new ExtractionRecord(sha256, Optional.of(files));
    }

    /** The record file of an extraction folder. */
    public static Path pathFor(Path folder) {
        return folder.resolveSibling(folder.getFileName() + SUFFIX);
    }

    /** True when this record lists its folder's files (not a legacy one). */
    public boolean isComplete() {
        return files.isPresent();
    }

    /**
     * Reads the record of {@code folder}: empty when there is none; a record whose SHA-256 is unreadable reads
     * as owned by nobody ({@code sha256} empty), so it is never taken for anyone's.
     */
    public static Optional<ExtractionRecord> read(Path folder) throws IOException {
        String text;
        try {
            text = Files.readString(pathFor(folder), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (SHA256.matcher(text).matches()) {
            return Optional.of(new ExtractionRecord(text, Optional.empty())); // legacy: the hash alone
        }
        try {
            JsonNode root = JSON.readTree(text);
            String sha = root.path("sha256").asText("");
            JsonNode files = root.path("files");
            if (!SHA256.matcher(sha).matches() || !files.isObject()) {
                return Optional.of(new ExtractionRecord("", Optional.empty()));
            }
            Map<String, Long> sizes = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                sizes.put(file.getKey(), file.getValue().asLong(-1));
            }
            return Optional.of(of(sha, sizes));
        } catch (IOException e) {
            return Optional.of(new ExtractionRecord("", Optional.empty()));
        }
    }

    /**
     * Writes this record for {@code folder} unless one exists; returns false when one did (a concurrent
     * extractor of the same archive may have written it first).
     */
    public boolean writeIfAbsent(Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("sha256", sha256);
        ObjectNode list = root.putObject("files");
        files.orElse(Map.of()).forEach(list::put);
        return AtomicFiles.createNew(pathFor(folder), JSON.writeValueAsBytes(root));
    }

    /**
     * How {@code folder} differs from this record: files missing, of another size, or not listed, in words;
     * empty when it matches (or the record is legacy, which lists nothing to compare).
     */
    public List<String> differences(Path folder) throws IOException {
        Map<String, Long> expected = files.orElse(null);
        if (expected == null) {
            return List.of();
        }
        Map<String, Long> actual = regularFiles(folder);
        List<String> found = new ArrayList<>();
        int missing = 0;
        int resized = 0;
        for (Map.Entry<String, Long> file : expected.entrySet()) {
            Long size = actual.remove(file.getKey());
            if (size == null) {
                if (missing++ == 0) {
                    found.add("missing " + file.getKey());
                }
            } else if (!size.equals(file.getValue())) {
                if (resized++ == 0) {
                    found.add(file.getKey() + " has " + size + " bytes, not " + file.getValue());
                }
            }
        }
        if (missing > 1) {
            found.add(missing + " files missing in all");
        }
        if (!actual.isEmpty()) {
            found.add(actual.size() + " file(s) not from the archive, e.g. " + actual.keySet().iterator().next());
        }
        return found;
    }

    /** The regular files under {@code folder} (links not followed) with their sizes. */
    public static Map<String, Long> regularFiles(Path folder) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        files.put(folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
                                a.size());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }
}
