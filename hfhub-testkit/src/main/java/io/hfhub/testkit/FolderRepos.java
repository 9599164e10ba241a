package io.hfhub.testkit;

import io.hfhub.testkit.internal.RepoEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads repos from a folder laid out as {@code dir/{models|datasets|spaces}/<org>/<name>/...}, one
 * commit on {@code main} per repo, deciding like {@code .gitattributes} on the Hub which files are
 * LFS: big ones and the usual weights and archive formats.
 */
final class FolderRepos {
  /** Files above this size are LFS whatever their extension (the Hub's pre-receive limit is 10 MB). */
  static final long LFS_THRESHOLD = 1024 * 1024;

  /** Extensions the Hub's default {@code .gitattributes} tracks with LFS. */
  static final Set<String> LFS_EXTENSIONS = Set.of(
      ".safetensors", ".bin", ".gguf", ".onnx", ".pt", ".h5", ".msgpack",
      ".zip", ".tar", ".gz", ".zst", ".xz", ".bz2", ".parquet");

  private FolderRepos() {}

  static void load(Path dir, HubServer server) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    for (String plural : List.of("models", "datasets", "spaces")) {
      Path typeDir = dir.resolve(plural);
      if (!Files.isDirectory(typeDir)) {
        continue;
      }
      String type = plural.substring(0, plural.length() - 1);
      for (Path orgDir : children(typeDir)) {
        for (Path repoDir : children(orgDir)) {
          String id = orgDir.getFileName() + "/" + repoDir.getFileName();
          RepoBuilder repo = server.repo(type, id);
          repo.commitAll(entries(repoDir, repo));
        }
      }
    }
  }

  private static List<RepoEntry> entries(Path repoDir, RepoBuilder repo) {
    List<RepoEntry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(repoDir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String path = repoDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (path.equals(".git") || path.startsWith(".git/")) {
          continue;
        }
        RepoBuilder.checkPath(path);
        entries.add(isLfs(file) ? repo.lfsEntry(path, file) : RepoEntry.regular(path, Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + repoDir, e);
    }
    return entries;
  }

  static boolean isLfs(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return Files.size(file) > LFS_THRESHOLD || (dot >= 0 && LFS_EXTENSIONS.contains(name.substring(dot)));
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
