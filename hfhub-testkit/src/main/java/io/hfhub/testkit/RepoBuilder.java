package io.hfhub.testkit;

import io.hfhub.testkit.internal.LfsBlob;
import io.hfhub.testkit.internal.RepoEntry;
import io.hfhub.testkit.internal.RepoRegistry;
import io.hfhub.testkit.internal.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills one revision of a repo on a {@link HubServer}. {@link HubServer#repo(String)} gives the
 * builder of {@code main}; {@link #revision(String)} the builder of another branch, tag or {@code
 * refs/pr/N}. A new revision starts at {@code main}'s current commit, as a branch created on the
 * Hub does; each file added to a revision makes a new commit (older commits keep resolving).
 *
 * <p>Access settings ({@link #privateRepo}, {@link #gated}) and renames apply to the whole repo.
 * Thread-safe; files can be added while the server is serving.
 */
public final class RepoBuilder {
  private final RepoRegistry registry;
  private final Repository repository;
  private final String revision;
  private final Map<String, RepoBuilder> revisions;

  RepoBuilder(RepoRegistry registry, Repository repository) {
    this(registry, repository, "main", new ConcurrentHashMap<>());
    revisions.put("main", this);
  }

  private RepoBuilder(RepoRegistry registry, Repository repository, String revision, Map<String, RepoBuilder> revisions) {
    this.registry = registry;
    this.repository = repository;
    this.revision = revision;
    this.revisions = revisions;
  }

  /** The repo id, e.g. {@code org/name} (the new one after a rename). */
  public String id() {
    return repository.id();
  }

  /** The repo type: {@code model}, {@code dataset} or {@code space}. */
  public String type() {
    return repository.type();
  }

  /** The revision this builder adds files to. */
  public String revisionName() {
    return revision;
  }

  /**
   * The builder of another revision of the same repo (a branch, a tag, {@code refs/pr/1}), created
   * at {@code main}'s current commit if new. The same object is returned for the same name.
   */
  public RepoBuilder revision(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty revision name");
    }
    return revisions.computeIfAbsent(name, n -> {
      repository.ensureRevision(n);
      return new RepoBuilder(registry, repository, n, revisions);
    });
  }

  /** Adds (or replaces) a regular git file on this revision. */
  public RepoBuilder file(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    repository.commit(revision, RepoEntry.regular(checkPath(path), content));
    return this;
  }

  /** Adds (or replaces) a regular git file with UTF-8 text on this revision. */
  public RepoBuilder file(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds (or replaces) an LFS file on this revision; the content is served by the CDN. */
  public RepoBuilder lfsFile(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    LfsBlob blob = LfsBlob.of(content);
    registry.addBlob(blob);
    repository.commit(revision, RepoEntry.lfs(checkPath(path), blob));
    return this;
  }

  /**
   * Adds (or replaces) a Xet-backed file on this revision: an LFS file (the CDN still serves it by
   * plain HTTP, up to the plain-HTTP limit) whose content is also stored in the Xet CAS, chunked and
   * packed into xorbs, reusing the chunks of every file stored before. Its resolve answer carries
   * {@code X-Xet-Hash} and the Xet {@code Link} headers; its tree entry carries {@code xetHash}.
   */
  public RepoBuilder xetFile(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    LfsBlob blob = LfsBlob.of(content);
    registry.addBlob(blob);
    registry.xet().store().add(blob.sha256(), content);
    repository.commit(revision, RepoEntry.lfs(checkPath(path), blob));
    return this;
  }

  /**
   * Adds (or replaces) an LFS file whose content is a file on disk. The file is hashed once by
   * streaming it and served from disk; it is never loaded in memory and must not change while the
   * server runs.
   */
  public RepoBuilder lfsFile(String path, Path content) {
    Objects.requireNonNull(content, "content");
    repository.commit(revision, lfsEntry(checkPath(path), content));
    return this;
  }

  /** The current commit id (40 hex) of this builder's revision. */
  public String commit() {
    return repository.head(revision);
  }

  /** The current commit id (40 hex) of a revision of this repo, creating the revision if new. */
  public String commit(String revisionName) {
    return repository.head(revisionName);
  }

  /**
   * Makes the repo private: requests without {@code Authorization: Bearer <token>} get 401 with
   * {@code X-Error-Code: RepoNotFound}, as the Hub answers for repos the caller cannot see.
   */
  public RepoBuilder privateRepo(String token) {
    repository.makePrivate(Objects.requireNonNull(token, "token"));
    return this;
  }

  /**
   * Makes the repo Xet-backed: the LFS redirects of {@code resolve} also carry the headers the Hub
   * sends for Xet files ({@code X-Xet-Hash}, {@code X-Xet-Refresh-Route} and a {@code Link} with
   * {@code rel="xet-auth"} and {@code rel="xet-reconstruction-info"}), with a made-up Xet id that no
   * CAS knows: for proxies and mirrors that must strip them. The bytes are still served by the CDN.
   * A file a Xet client can really fetch is added with {@link #xetFile}.
   */
  public RepoBuilder xetBacked() {
    repository.makeXetBacked();
    return this;
  }

  /** Makes the repo gated: requests without this bearer token get 403 {@code GatedRepo}. */
  public RepoBuilder gated(String token) {
    repository.makeGated(Objects.requireNonNull(token, "token"));
    return this;
  }

  /**
   * Renames the repo. Requests naming the old id then get a 307 with a relative {@code Location}:
   * the same URL under the new id. Returns this builder, now named {@code newId}.
   */
  public RepoBuilder renamedTo(String newId) {
    registry.rename(repository, Objects.requireNonNull(newId, "newId"));
    return this;
  }

  /** Adds many files on this revision as a single commit (used to serve folders). */
  RepoBuilder commitAll(Collection<RepoEntry> entries) {
    repository.commit(revision, entries);
    return this;
  }

  RepoEntry lfsEntry(String path, Path content) {
    try {
      LfsBlob blob = LfsBlob.of(content, Files.size(content));
      registry.addBlob(blob);
      return RepoEntry.lfs(path, blob);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + content, e);
    }
  }

  static String checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")
        || path.contains("\\")) {
      throw new IllegalArgumentException("invalid file path: " + path);
    }
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("invalid file path: " + path);
      }
    }
    return path;
  }

  @Override
  public String toString() {
    return type() + " " + id() + "@" + revision;
  }
}
