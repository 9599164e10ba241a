package io.hfhub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --format human|json|quiet} and {@code --json}, as {@code hf} has them, shared by every command.
 * {@code human} (the default) is what each command always printed; {@code json} one JSON document on stdout
 * with the keys the README documents per command (those of {@code hf} where it has the same command);
 * {@code quiet} only the essential value per line (paths, ids). Progress and notices go to stderr in every format
 * but {@code quiet}.
 */
final class OutputFormat {
    /**
     * Made on first use: picocli builds this mixin for every command at start-up, and an ObjectMapper loads some 375
     * classes, which a run that prints no JSON (most runs) need not pay for.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    enum Kind { HUMAN, JSON, QUIET }

    @Option(names = "--format", paramLabel = "FORMAT", converter = KindConverter.class,
            description = "Output format: human (default), json or quiet.")
    Kind format = Kind.HUMAN;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

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
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a format: use human, json or quiet");
            }
        }
    }
}
