package io.hfhub.cli;

import io.hfhub.SnapshotRequest;

/**
 * {@code --revision}: parsed by the library's one rule (the request builders check a revision where it enters),
 * so {@code ../x} is a usage error (exit 2) before any request, like every other malformed argument.
 */
final class RevisionConverter {
    private RevisionConverter() {
    }

    static String convert(String value) {
        if (value.isEmpty()) { // the builders read an empty revision as main; on the command line it is a slip
            throw new IllegalArgumentException("invalid revision '': empty");
        }
        SnapshotRequest.builder("any/repo").revision(value); // refuses with the library's message
        return value;
    }
}
