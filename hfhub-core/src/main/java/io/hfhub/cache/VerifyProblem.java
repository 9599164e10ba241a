package io.hfhub.cache;

import io.hfhub.RepoType;
import java.nio.file.Path;

/**
 * One thing {@link CacheVerifier} found wrong.
 *
 * @param repoType   the repository's type
 * @param repoId     the repository's id
 * @param revision   the commit (snapshot folder) concerned, or {@code null} for a blob no snapshot links to
 * @param fileName   the path in the repository, a ref name for a bad ref, or {@code null} for an unlinked blob
 * @param path       the file on disk that is wrong
 * @param reason     what is wrong, in words
 */
public record VerifyProblem(RepoType repoType, String repoId, String revision, String fileName, Path path,
        String reason) {}
