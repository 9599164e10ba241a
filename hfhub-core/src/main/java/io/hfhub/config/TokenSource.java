package io.hfhub.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the implicit token the way the Python client does: {@code HF_TOKEN}, then the legacy
 * {@code HUGGING_FACE_HUB_TOKEN}, then the token file; none at all when {@code HF_HUB_DISABLE_IMPLICIT_TOKEN}
 * is set. The token is never logged or put in a message.
 */
public final class TokenSource {
    private TokenSource() {}

    /** The implicit token, or null. */
    public static String implicitToken(Environment env) {
        if (env.flag("HF_HUB_DISABLE_IMPLICIT_TOKEN")) {
            return null;
        }
        String token = env.get("HF_TOKEN");
        if (token == null) {
            token = env.get("HUGGING_FACE_HUB_TOKEN");
        }
        if (token == null) {
            token = readTokenFile(HubPaths.tokenFile(env));
        }
        return clean(token);
    }

    private static String readTokenFile(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null; // an unreadable token file means "no token", as in the Python client
        }
    }

    /** Strips surrounding whitespace and newlines; an empty token counts as none. */
    public static String clean(String token) {
        if (token == null) {
            return null;
        }
        String t = token.replace("\r", "").replace("\n", "").trim();
        return t.isEmpty() ? null : t;
    }
}
