package io.hfhub.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@link JsonValue} trees and writes plain Java values (maps, lists, strings, numbers,
 * booleans, null) as compact JSON, on jackson-core's streaming API. jackson-core's read constraints bound
 * what a hostile document can make us hold (nesting depth, number and string lengths).
 */
public final class Json {
    /** Thread-safe once built; never reconfigured. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /**
     * Parses a document.
     *
     * @param text the JSON text
     * @return its value; the missing value for empty input, as Jackson's {@code readTree}
     * @throws JsonProcessingException if the text is not JSON (jackson-core's exception, as databind threw)
     */
    public static JsonValue parse(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail otherwise
        }
    }

    /**
     * Parses a UTF-8 (or UTF-16/32, detected) document.
     *
     * @param bytes the JSON bytes
     * @return its value; the missing value for empty input
     * @throws JsonProcessingException if the bytes are not JSON
     */
    public static JsonValue parse(byte[] bytes) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail otherwise
        }
    }

    /**
     * Parses a document read from {@code in}, which is not closed.
     *
     * @param in the stream
     * @return its value; the missing value for empty input
     * @throws IOException if reading fails, or {@link JsonProcessingException} if the bytes are not JSON
     */
    public static JsonValue parse(InputStream in) throws IOException {
        JsonParser parser = FACTORY.createParser(in);
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        try (parser) {
            return read(parser);
        }
    }

    /**
     * Writes {@code value} as compact JSON.
     *
     * @param value a Map (String keys, in its iteration order), Iterable, array of long, String, Number, Boolean,
     *              {@link JsonValue} or null, nested as deep as needed
     * @return the UTF-8 bytes
     * @throws IllegalArgumentException for any other type
     */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code value} as compact JSON text.
     *
     * @param value as for {@link #write(Object)}
     * @return the text
     */
    public static String writeString(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    private static JsonValue read(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? JsonValue.MISSING : value(parser, token);
    }

    private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, JsonValue> fields = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    fields.put(name, value(parser, parser.nextToken()));
                }
                return new JsonValue(JsonValue.Kind.OBJECT, java.util.Collections.unmodifiableMap(fields));
            }
            case START_ARRAY: {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    elements.add(value(parser, t));
                }
                return new JsonValue(JsonValue.Kind.ARRAY, java.util.Collections.unmodifiableList(elements));
            }
            case VALUE_STRING:
                return new JsonValue(JsonValue.Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT:
                return JsonValue.number(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return JsonValue.number(parser.getDecimalValue());
            case VALUE_TRUE:
                return JsonValue.TRUE;
            case VALUE_FALSE:
                return JsonValue.FALSE;
            case VALUE_NULL:
                return JsonValue.NULL;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            out.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger n) {
            out.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            out.writeNumber(n);
        } else if (value instanceof JsonValue v) {
            write(out, v.toJava());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                out.writeFieldName((String) field.getKey());
                write(out, field.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof long[] numbers) {
            out.writeStartArray();
            for (long n : numbers) {
                out.writeNumber(n);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }
}
