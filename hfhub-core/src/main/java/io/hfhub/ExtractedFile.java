package io.hfhub;

/**
 * One regular file written by an extraction.
 *
 * @param path the file's path relative to the extraction folder, with {@code /} separators
 * @param size the file's size in bytes, as written (never as declared by the archive)
 */
public record ExtractedFile(String path, long size) {}
