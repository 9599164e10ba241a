package io.hfhub.testkit.internal;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The files of one commit.
 *
 * @param commit the 40-hex commit id
 * @param files the files by path, sorted
 */
public record Snapshot(String commit, NavigableMap<String, RepoEntry> files) {

  /** Freezes the file map. */
  public Snapshot {
    files = Collections.unmodifiableNavigableMap(new TreeMap<>(files));
  }
}
