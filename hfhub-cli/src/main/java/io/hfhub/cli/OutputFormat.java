package io.hfhub.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --format human|json|quiet} and {@code --json}, as {@code hf} has them, shared by every command.
 * {@code human} (the default) is what each command always printed; {@code json} one JSON document on stdout
 * with the keys the README documents per command (those of {@code hf} where it has the same command);
 * {@code quiet} only the essential value per line (paths, ids). Progress and notices go to stderr in every format
 * but {@code quiet}.
 */
final class OutputFormat {
    /** Made on first use: most runs print no JSON. */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
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

    /**
     * Prints {@code value} as one line of JSON: maps (keys as strings), lists and other iterables, strings, numbers,
     * booleans and null, as the commands build them; anything else as its string. Written with jackson-core's
     * generator (the library's own JSON dependency): no object mapper, whose ~375 classes and own dependency the
     * CLI carried for this alone. Not the library's JSON writer ({@code io.hfhub.json}): the library exports its API
     * packages only, to the CLI too (ApiEdgeTest).
     */
    static void print(PrintWriter out, Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.FACTORY.createGenerator(text)) {
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON: " + e.getMessage(), e);
        }
        out.println(text);
        out.flush();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else {
            json.writeString(value instanceof Enum<?> e ? e.name() : value.toString());
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
