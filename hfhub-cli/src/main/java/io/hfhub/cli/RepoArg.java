package io.hfhub.cli;

import io.hfhub.RepoType;
import java.util.Locale;

/**
 * A repository as the command line names it, the forms {@code hf} accepts: {@code org/name}, {@code
 * datasets/org/name} (the Hub's URL form), {@code hf://[models|datasets|spaces/]org/name[@REVISION][/PATH]}; with
 * {@code singularTypes}, also the cache ids {@code hf cache ls} prints ({@code model/org/name},
 * {@code dataset/org/name}). A {@code REVISION} of {@code refs/pr/N} keeps its slashes.
 *
 * @param type the type the argument names, or null when it names none
 * @param id the repo id ({@code org/name} or {@code name})
 * @param revision the revision after {@code @}, or null
 * @param path the path in the repository after the id, or null
 */
record RepoArg(RepoType type, String id, String revision, String path) {

    static RepoArg parse(String raw, boolean singularTypes) {
        String body = raw.startsWith("hf://") ? raw.substring("hf://".length()) : raw;
        RepoType type = null;
        int slash = body.indexOf('/');
        if (slash > 0) {
            String first = body.substring(0, slash).toLowerCase(Locale.ROOT);
            boolean plural = first.equals("models") || first.equals("datasets") || first.equals("spaces");
            boolean singular = first.equals("model") || first.equals("dataset") || first.equals("space");
            if (plural || (singularTypes && singular)) {
                type = RepoType.parse(first);
                body = body.substring(slash + 1);
            }
        }
        String[] parts = body.split("/", -1);
        int idParts = parts.length >= 2 && !parts[0].contains("@") ? 2 : 1;
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < idParts; i++) {
            id.append('/').append(parts[i]);
        }
        String revision = null;
        int at = id.indexOf("@");
        int next = idParts;
        if (at >= 0) {
            revision = id.substring(at + 1);
            id.setLength(at);
            if (revision.equals("refs") && parts.length > next + 1 && parts[next].equals("pr")) {
                revision = "refs/pr/" + parts[next + 1];
                next += 2;
            }
            if (revision.isEmpty()) {
                throw new IllegalArgumentException("'" + raw + "' has an empty revision after '@'");
            }
        }
        String path = next < parts.length ? String.join("/", java.util.Arrays.asList(parts).subList(next, parts.length)) : null;
        if (id.length() == 0) {
            throw new IllegalArgumentException("'" + raw + "' names no repository: expected org/name");
        }
        return new RepoArg(type, id.toString(), revision, path == null || path.isEmpty() ? null : path);
    }

    /** The type: the one named here, else {@code option} (from {@code --repo-type}), else model; never both. */
    RepoType type(RepoType option) {
        if (type != null && option != null && type != option) {
            throw new IllegalArgumentException("the repository is named as a " + type.id() + " but --repo-type says "
                    + option.id() + ": give one or the other");
        }
        return type != null ? type : option != null ? option : RepoType.MODEL;
    }

    /** The revision: the one named here, else {@code option}, else {@code main}; never both. */
    String revision(String option) {
        if (revision != null && option != null && !revision.equals(option)) {
            throw new IllegalArgumentException("the repository names revision '" + revision + "' but --revision says '"
                    + option + "': give one or the other");
        }
        return revision != null ? revision : option != null ? option : "main";
    }
}
