package io.hfhub.cli;

import io.hfhub.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code --format human|json|quiet} and {@code --json}, as {@code hf} has them, shared by every command.
 * {@code human} (the default) is what each command always printed; {@code json} one JSON document on stdout
 * with the keys the README documents per command (those of {@code hf} where it has the same command);
 * {@code quiet} only the essential value per line (paths, ids). Progress and notices go to stderr in every format
 * but {@code quiet}.
 */
final class OutputFormat {
    enum Kind { HUMAN, JSON, QUIET }

    static final List<CommandSpec.Opt> OPTIONS = List.of(
            CommandSpec.Opt.value("--format", "FORMAT", "Output format: human (default), json or quiet."),
            CommandSpec.Opt.flag("--json", "Same as --format json."));

    private final Kind format;
    private final boolean json;

    OutputFormat(Arguments args) {
        format = args.value("--format", OutputFormat::kind, Kind.HUMAN);
        json = args.has("--json");
    }

    Kind kind() {
        return json ? Kind.JSON : format;
    }

    boolean isJson() {
        return kind() == Kind.JSON;
    }

    boolean isQuiet() {
        return kind() == Kind.QUIET;
    }

    boolean isHuman() {
        return kind() == Kind.HUMAN;
    }

    /**
     * Prints {@code value} (maps, lists, strings, numbers, booleans, null, as the commands build them) as one line of
     * JSON, with the library's JSON writer ({@link Json}, on jackson-core's generator): the CLI carried
     * jackson-databind for this alone until 2026-11-30.
     */
    static void print(PrintWriter out, Object value) {
        out.println(Json.writeString(value));
        out.flush();
    }

    /**
     * A command's result, as {@code hf}'s {@code out.result}: the sentence (human; none when null), the JSON
     * object, or its first value (quiet).
     */
    void result(PrintWriter out, String sentence, java.util.Map<String, Object> data) {
        switch (kind()) {
            case JSON -> print(out, data);
            case QUIET -> out.println(data.values().iterator().next());
            default -> {
                if (sentence != null) {
                    out.println(sentence);
                }
            }
        }
        out.flush();
    }

    /** An ordered JSON object from alternating keys and values. */
    static java.util.Map<String, Object> object(Object... keysAndValues) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code human}, {@code json}, {@code quiet}, any case. */
    static Kind kind(String value) {
        try {
            return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a format: use human, json or quiet", e);
        }
    }
}
