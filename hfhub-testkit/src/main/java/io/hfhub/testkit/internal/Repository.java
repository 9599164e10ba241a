package io.hfhub.testkit.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A repository: named revisions (branches, tags, {@code refs/pr/N}) pointing at commits, every
 * commit ever made (so any old commit id still resolves), and access settings. Each change to a
 * revision makes a new commit whose id is derived from its parent and the change, so ids are
 * deterministic for a given sequence of calls.
 */
public final class Repository {
  private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");

  private final String type;
  private String id;
  private String privateToken;
  private String gatedToken;
  private boolean xetBacked;
  private final Map<String, String> heads = new HashMap<>();
  private final Map<String, Snapshot> commits = new HashMap<>();

  /** A repository whose {@code main} branch points at an empty initial commit. */
  public Repository(String type, String id) {
    this.type = type;
    this.id = id;
    Snapshot initial = new Snapshot(Hashes.sha1("initial\n" + type + "/" + id), new TreeMap<>());
    commits.put(initial.commit(), initial);
    heads.put("main", initial.commit());
  }

  /** "model", "dataset" or "space". */
  public String type() {
    return type;
  }

  /** The current repo id. */
  public synchronized String id() {
    return id;
  }

  synchronized void renameTo(String newId) {
    this.id = newId;
  }

  /** Makes the repo private: only requests with this bearer token see it. */
  public synchronized void makePrivate(String token) {
    this.privateToken = token;
  }

  /** Makes the repo gated: only requests with this bearer token may read it. */
  public synchronized void makeGated(String token) {
    this.gatedToken = token;
  }

  /** Marks the repo as stored on Xet: its LFS redirects then carry the Hub's Xet headers. */
  public synchronized void makeXetBacked() {
    this.xetBacked = true;
  }

  /** Whether the repo's LFS redirects carry Xet headers. */
  public synchronized boolean xetBacked() {
    return xetBacked;
  }

  /** The token of a private repo, or null if public. */
  public synchronized String privateToken() {
    return privateToken;
  }

  /** The token of a gated repo, or null if not gated. */
  public synchronized String gatedToken() {
    return gatedToken;
  }

  /** Creates a revision pointing at {@code main}'s current commit, if it does not exist yet. */
  public synchronized void ensureRevision(String revision) {
    heads.computeIfAbsent(revision, r -> heads.get("main"));
  }

  /** The commit a revision points at, creating the revision if needed. */
  public synchronized String head(String revision) {
    ensureRevision(revision);
    return heads.get(revision);
  }

  /** Adds or replaces files on a revision, as one new commit; returns its id. */
  public synchronized String commit(String revision, Collection<RepoEntry> entries) {
    ensureRevision(revision);
    String parent = heads.get(revision);
    TreeMap<String, RepoEntry> files = new TreeMap<>(commits.get(parent).files());
    StringBuilder change = new StringBuilder("commit\n").append(parent).append('\n').append(revision).append('\n');
    for (RepoEntry entry : entries) {
      files.put(entry.path(), entry);
      change.append(entry.path()).append(' ').append(entry.gitOid()).append('\n');
    }
    Snapshot snapshot = new Snapshot(Hashes.sha1(change.toString()), files);
    commits.put(snapshot.commit(), snapshot);
    heads.put(revision, snapshot.commit());
    return snapshot.commit();
  }

  /** Adds one file on a revision; returns the new commit id. */
  public String commit(String revision, RepoEntry entry) {
    return commit(revision, List.of(entry));
  }

  /**
   * Resolves a revision name or any commit id of this repo.
   *
   * @return the snapshot, or null if the revision is unknown
   */
  public synchronized Snapshot resolve(String revision) {
    String commit = heads.get(revision);
    if (commit == null && COMMIT_ID.matcher(revision).matches()) {
      commit = revision;
    }
    return commit == null ? null : commits.get(commit);
  }
}
