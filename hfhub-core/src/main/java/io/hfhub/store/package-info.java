/**
 * Internal: the on-disk cache the Python client shares. Its layout (paths only), atomic publishing of blobs,
 * links and refs, temporary names and their owners, and the validated names ({@code CommitHash},
 * {@code Revision}, {@code RepoFilePath}, {@code BlobName}) every path is built from. Not exported: the download
 * flows and the cache management API ({@code io.hfhub.cache}) are built on it, users reach it through them.
 */
package io.hfhub.store;
