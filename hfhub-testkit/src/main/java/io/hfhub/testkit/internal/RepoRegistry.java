package io.hfhub.testkit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * All repositories of one emulated Hub, by type and id, plus renamed ids (which redirect) and the
 * LFS objects the CDN serves, plus the Xet CAS's content.
 */
public final class RepoRegistry {
  /** The Python client's repo id rule: {@code name} or {@code namespace/name}, 1-96 safe chars. */
  private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9_.-]{1,96}/)?[A-Za-z0-9_.-]{1,96}");

  private final Map<String, Repository> repos = new HashMap<>();
  private final Map<String, String> renamed = new HashMap<>();
  private final Map<String, LfsBlob> blobs = new ConcurrentHashMap<>();
  private final XetCasState xet = new XetCasState(java.time.Clock.systemUTC());

  /** The result of looking a repo up by a name used in a URL. */
  public record Lookup(Repository repository, String movedTo) {}

  /** Validates a repo type, returning it. */
  public static String checkType(String type) {
    if (!type.equals("model") && !type.equals("dataset") && !type.equals("space")) {
      throw new IllegalArgumentException("repo type must be model, dataset or space: " + type);
    }
    return type;
  }

  /** Validates a repo id, returning it. */
  public static String checkId(String id) {
    if (!REPO_ID.matcher(id).matches() || id.contains("--") || id.contains("..") || id.endsWith(".git")) {
      throw new IllegalArgumentException("invalid repo id: " + id);
    }
    return id;
  }

  private static String key(String type, String id) {
    return type + ":" + id;
  }

  /** The repo with this id (following renames), created if it never existed. */
  public synchronized Repository getOrCreate(String type, String id) {
    checkType(type);
    checkId(id);
    Lookup lookup = find(type, id);
    if (lookup.repository() != null) {
      return lookup.repository();
    }
    if (lookup.movedTo() != null) {
      return repos.get(key(type, lookup.movedTo()));
    }
    Repository repository = new Repository(type, id);
    repos.put(key(type, id), repository);
    return repository;
  }

  /** Finds a repo by the id used in a URL: the repo itself, or the id it was renamed to. */
  public synchronized Lookup find(String type, String id) {
    Repository repository = repos.get(key(type, id));
    if (repository != null) {
      return new Lookup(repository, null);
    }
    return new Lookup(null, renamed.get(key(type, id)));
  }

  /** Whether a URL name is known, as a repo or a renamed repo. */
  public synchronized boolean knows(String type, String id) {
    String key = key(type, id);
    return repos.containsKey(key) || renamed.containsKey(key);
  }

  /** Renames a repo; requests to the old id then redirect to the new one. */
  public synchronized void rename(Repository repository, String newId) {
    checkId(newId);
    String type = repository.type();
    String oldId = repository.id();
    if (oldId.equals(newId)) {
      return;
    }
    if (repos.containsKey(key(type, newId))) {
      throw new IllegalArgumentException("a " + type + " repo named " + newId + " already exists");
    }
    repos.remove(key(type, oldId));
    repos.put(key(type, newId), repository);
    renamed.remove(key(type, newId));
    renamed.replaceAll((k, v) -> v.equals(oldId) && k.startsWith(type + ":") ? newId : v);
    renamed.put(key(type, oldId), newId);
    repository.renameTo(newId);
  }

  /** Registers an LFS object for the CDN. */
  public void addBlob(LfsBlob blob) {
    blobs.put(blob.sha256(), blob);
  }

  /** The Xet CAS's content and settings. */
  public XetCasState xet() {
    return xet;
  }

  /** The LFS object with this sha256, or null. */
  public LfsBlob blob(String sha256) {
    return blobs.get(sha256);
  }
}
