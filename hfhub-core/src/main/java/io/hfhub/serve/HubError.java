package io.hfhub.serve;

/**
 * An error answered the way the Hub answers it: a status, an {@code X-Error-Code} the clients map to their
 * exceptions, a message, and for {@code EntryNotFound} the commit (the Python client writes
 * {@code .no_exist/<commit>/<path>} only when {@code X-Repo-Commit} comes with the 404).
 */
final class HubError extends RuntimeException {
    final int status;
    final String code;
    final String commit;

    private HubError(int status, String code, String message, String commit) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.commit = commit;
    }

    static HubError badRequest(String message) {
        return new HubError(400, null, message, null);
    }

    static HubError notFound(String message) {
        return new HubError(404, null, message, null);
    }

    static HubError repoNotFound(String repo) {
        return new HubError(404, "RepoNotFound", "Repository not found: " + repo + " is not in this mirror's cache", null);
    }

    static HubError revisionNotFound(String repo, String revision) {
        return new HubError(404, "RevisionNotFound", "Revision not found: " + revision + " of " + repo
                + " is not in this mirror's cache", null);
    }

    static HubError entryNotFound(String path, String commit) {
        return new HubError(404, "EntryNotFound", "Entry not found: " + path + " at " + commit
                + " is not in this mirror's cache", commit);
    }

    static HubError methodNotAllowed(String method) {
        return new HubError(405, null, "Method " + method + " not allowed: this mirror is read-only (GET, HEAD)", null);
    }
}
