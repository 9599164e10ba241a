package io.hfhub.cache;

import io.hfhub.RepoFileInfo;
import io.hfhub.RepoFiles;
import io.hfhub.store.BlobHash;
import io.hfhub.store.BlobName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks one revision's files in a folder (a snapshot of the cache, or a {@code local_dir}) against the Hub's
 * listing of that revision, as {@code hf cache verify} does: each listed file is hashed with the listing's hash
 * (sha256 for LFS files, the git blob sha1 otherwise) and compared; files listed but absent are missing, files
 * present but not listed are extra. Reads only; a {@code local_dir}'s {@code .cache/huggingface/} metadata is not
 * a file of the repository.
 */
public final class RevisionVerifier {
    private RevisionVerifier() {}

    /** A file whose content does not hash to what the listing says. */
    public record Mismatch(String path, String algorithm, String expected, String actual) {}

    /**
     * The outcome.
     *
     * @param commit       the commit whose listing the folder was checked against
     * @param folder       the folder checked
     * @param checked      files hashed
     * @param mismatches   files whose hash differs
     * @param missingPaths listed files absent from the folder
     * @param extraPaths   files in the folder the listing does not have
     */
    public record Report(String commit, Path folder, int checked, List<Mismatch> mismatches, List<String> missingPaths,
            List<String> extraPaths) {
        /** Copies the lists. */
        public Report {
            mismatches = List.copyOf(mismatches);
            missingPaths = List.copyOf(missingPaths);
            extraPaths = List.copyOf(extraPaths);
        }
    }

    /**
     * Verifies {@code folder} against {@code listing} (from {@link io.hfhub.HfHub#listFiles}). Reads only.
     *
     * @throws java.io.UncheckedIOException when the folder cannot be listed
     */
    public static Report verify(Path folder, RepoFiles listing) {
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        int checked = 0;
        for (RepoFileInfo file : listing.files()) {
            listed.add(file.path());
            Path local = folder.resolve(file.path());
            if (!Files.isRegularFile(local)) {
                missing.add(file.path());
                continue;
            }
            // the sha256 of an LFS file, else the git blob id: both name their hash
            BlobName etag = BlobName.of(file.etag());
            BlobHash hash = etag.hash();
            String expected = etag.value();
            String actual;
            try {
                actual = hash.of(local);
            } catch (IOException e) {
                actual = "unreadable (" + e.getMessage() + ")";
            }
            checked++;
            if (!actual.equals(expected)) {
                mismatches.add(new Mismatch(file.path(), hash == BlobHash.SHA256 ? "sha256" : "git-sha1", expected, actual));
            }
        }
        return new Report(listing.commit(), folder, checked, mismatches, missing, extras(folder, listed));
    }

    private static List<String> extras(Path folder, Set<String> listed) {
        Set<String> extra = new TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (!listed.contains(relative) && !relative.startsWith(".cache/huggingface/")) {
                    extra.add(relative);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder + ": " + e.getMessage(), e);
        }
        return List.copyOf(extra);
    }
}
