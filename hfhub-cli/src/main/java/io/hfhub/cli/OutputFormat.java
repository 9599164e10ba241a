package io.hfhub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    /**
     * Made on first use: every command reads these options at start-up, and an ObjectMapper loads some 375
     * classes, which a run that prints no JSON (most runs) need not pay for.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

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

    /** Prints {@code value} (maps, lists, strings, numbers) as one line of JSON. */
    static void print(PrintWriter out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
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
