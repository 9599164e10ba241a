package io.hfhub;

import io.hfhub.config.Environment;
import io.hfhub.config.HubPaths;
import io.hfhub.config.TokenSource;
import io.hfhub.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Python client's token files, read and written the same way: the active token in {@code HF_TOKEN_PATH}
 * ({@code $HF_HOME/token}), and every saved token in {@code stored_tokens} beside it, an INI file with one section
 * per token name holding {@code hf_token} (and, for OAuth tokens, fields hfhub keeps untouched). Both are written
 * whole to a temporary file then renamed (never half-written), readable by their owner only, as Python writes them.
 */
public final class TokenStore {
    private static final String TOKEN_KEY = "hf_token";

    private final Path tokenFile;
    private final Path storedTokens;

    private TokenStore(Path tokenFile) {
        this.tokenFile = tokenFile;
        this.storedTokens = tokenFile.resolveSibling("stored_tokens");
    }

    /** The files the process environment names ({@code HF_TOKEN_PATH}, else {@code $HF_HOME/token}). */
    public static TokenStore fromEnvironment() {
        return of(System.getenv());
    }

    /** The files {@code environment} names ({@code HF_TOKEN_PATH}, else {@code $HF_HOME/token}). */
    public static TokenStore of(Map<String, String> environment) {
        return new TokenStore(HubPaths.tokenFile(Environment.of(environment)));
    }

    /** The file holding the active token. */
    public Path tokenFile() {
        return tokenFile;
    }

    /** The INI file of saved tokens, beside {@link #tokenFile()}. */
    public Path storedTokensFile() {
        return storedTokens;
    }

    /** The active token (the token file's content), if any. */
    public Optional<String> activeToken() {
        try {
            return Files.isRegularFile(tokenFile)
                    ? Optional.ofNullable(TokenSource.clean(Files.readString(tokenFile, StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Saved tokens by name, sorted by name. A section without {@code hf_token} is left out. */
    public Map<String, String> storedTokens() throws IOException {
        Map<String, String> tokens = new TreeMap<>();
        readSections().forEach((name, fields) -> {
            String token = TokenSource.clean(fields.get(TOKEN_KEY));
            if (token != null) {
                tokens.put(name, token);
            }
        });
        return tokens;
    }

    /**
     * Saves {@code token} under {@code name} (replacing a token of that name) and makes it the active one.
     * Surrounding whitespace and line breaks (a pasted token) are dropped.
     *
     * @throws IllegalArgumentException for a blank token, or a name the INI file cannot hold
     * @throws IOException when a file cannot be written
     */
    public void login(String name, String token) throws IOException {
        requireName(name);
        String clean = TokenSource.clean(token);
        if (clean == null) {
            throw new IllegalArgumentException("empty token");
        }
        Map<String, Map<String, String>> sections = readSections();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TOKEN_KEY, clean);
        sections.put(name, fields);
        writeSecret(storedTokens, render(sections));
        writeSecret(tokenFile, clean);
    }

    /** Makes the saved token {@code name} the active one; false when there is no token of that name. */
    public boolean switchTo(String name) throws IOException {
        String token = storedTokens().get(name);
        if (token == null) {
            return false;
        }
        writeSecret(tokenFile, token);
        return true;
    }

    /**
     * Forgets the saved token {@code name}; when it was the active one, the token file goes too. False when there
     * is no token of that name.
     */
    public boolean logout(String name) throws IOException {
        Map<String, Map<String, String>> sections = readSections();
        Map<String, String> removed = sections.remove(name);
        if (removed == null) {
            return false;
        }
        writeSecret(storedTokens, render(sections));
        String token = TokenSource.clean(removed.get(TOKEN_KEY));
        if (token != null && token.equals(activeToken().orElse(null))) {
            Files.deleteIfExists(tokenFile);
        }
        return true;
    }

    /** Forgets every token: both files are deleted. */
    public void logoutAll() throws IOException {
        Files.deleteIfExists(tokenFile);
        Files.deleteIfExists(storedTokens);
    }

    /** {@code hf_abc…wxyz} as {@code hf_****wxyz}, the way {@code hf auth list} shows it. */
    public static String mask(String token) {
        return token.length() <= 8 ? "****" : token.substring(0, 3) + "****" + token.substring(token.length() - 4);
    }

    private Map<String, Map<String, String>> readSections() throws IOException {
        Map<String, Map<String, String>> sections = new TreeMap<>();
        if (!Files.isRegularFile(storedTokens)) {
            return sections;
        }
        Map<String, String> section = null;
        for (String raw : Files.readAllLines(storedTokens, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = new LinkedHashMap<>();
                sections.put(line.substring(1, line.length() - 1), section);
                continue;
            }
            int eq = indexOfSeparator(line);
            if (section != null && eq > 0) {
                section.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return sections;
    }

    /** configparser accepts {@code =} and {@code :}, whichever comes first. */
    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    /** As Python's configparser writes it: sections sorted by name, {@code key = value}, a blank line after each. */
    private static String render(Map<String, Map<String, String>> sections) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(sections).forEach((name, fields) -> {
            out.append('[').append(name).append("]\n");
            fields.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
            out.append('\n');
        });
        return out.toString();
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.contains("]") || name.contains("[") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("unusable token name: it must be non-empty, on one line, without [ or ]");
        }
    }

    /** Writes a secret whole: a private temporary file beside it, then a rename; the folder private too. */
    private static void writeSecret(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
