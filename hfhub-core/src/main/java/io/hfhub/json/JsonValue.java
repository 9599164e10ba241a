package io.hfhub.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable JSON value read by {@link Json#parse}: an object (fields in document order, a repeated key
 * keeping its last value), an array, a string, a number, a boolean, {@code null}, or the <em>missing</em>
 * value that {@link #get} and {@link #path} give for an absent field or index, so lookups chain without null
 * checks. The accessors are named as Jackson's tree model names them, and behave alike for what hfhub uses.
 */
public final class JsonValue implements Iterable<JsonValue> {
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

    static final JsonValue NULL = new JsonValue(Kind.NULL, null);
    static final JsonValue MISSING = new JsonValue(Kind.MISSING, null);
    static final JsonValue TRUE = new JsonValue(Kind.BOOLEAN, Boolean.TRUE);
    static final JsonValue FALSE = new JsonValue(Kind.BOOLEAN, Boolean.FALSE);

    private final Kind kind;
    /** A Map for objects, a List for arrays, a String, a Number (Long, BigInteger or BigDecimal), a Boolean. */
    private final Object value;

    JsonValue(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /** {@return true for a JSON object} */
    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    /** {@return true for a JSON array} */
    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** {@return true for a JSON string} */
    public boolean isTextual() {
        return kind == Kind.STRING;
    }

    /** {@return true for any JSON number} */
    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    /** {@return true for a number written without fraction or exponent} */
    public boolean isIntegralNumber() {
        return kind == Kind.NUMBER && (value instanceof Long || value instanceof BigInteger);
    }

    /** {@return true for an integral number that fits a {@code long}} */
    public boolean canConvertToLong() {
        return kind == Kind.NUMBER && value instanceof Long;
    }

    /** {@return true for JSON {@code true} or {@code false}} */
    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    /** {@return true for JSON {@code null}} */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** {@return true for the value of an absent field or index} */
    public boolean isMissingNode() {
        return kind == Kind.MISSING;
    }

    /**
     * The field {@code name} of an object.
     *
     * @param name the field name
     * @return its value; null when absent or when this is not an object (as Jackson's {@code get})
     */
    public JsonValue get(String name) {
        return kind == Kind.OBJECT ? fields().get(name) : null;
    }

    /**
     * Whether an object has the field {@code name} with a value other than {@code null}.
     *
     * @param name the field name
     * @return true when present and not null
     */
    public boolean hasNonNull(String name) {
        JsonValue field = get(name);
        return field != null && !field.isNull();
    }

    /**
     * The element {@code index} of an array.
     *
     * @param index from 0
     * @return the element; null when out of range or when this is not an array
     */
    public JsonValue get(int index) {
        return kind == Kind.ARRAY && index >= 0 && index < elements().size() ? elements().get(index) : null;
    }

    /**
     * The field {@code name} of an object, never null.
     *
     * @param name the field name
     * @return its value, or the missing value (whose own {@code path} is missing too)
     */
    public JsonValue path(String name) {
        JsonValue field = get(name);
        return field == null ? MISSING : field;
    }

    /** {@return the number of fields of an object or elements of an array; 0 for anything else} */
    public int size() {
        return switch (kind) {
            case OBJECT -> fields().size();
            case ARRAY -> elements().size();
            default -> 0;
        };
    }

    /** {@return the fields of an object in document order; empty for anything else} */
    public Set<Map.Entry<String, JsonValue>> properties() {
        return kind == Kind.OBJECT ? fields().entrySet() : Collections.emptySet();
    }

    /** {@return the elements of an array in order; nothing for anything else} */
    @Override
    public Iterator<JsonValue> iterator() {
        return kind == Kind.ARRAY ? elements().iterator() : Collections.emptyIterator();
    }

    /** {@return a string's text; null for anything else (as Jackson's {@code textValue})} */
    public String textValue() {
        return kind == Kind.STRING ? (String) value : null;
    }

    /** {@return the text of a string, number or boolean; "" for anything else (as Jackson's {@code asText})} */
    public String asText() {
        return asText("");
    }

    /**
     * The text of a string, number or boolean.
     *
     * @param whenNone what null, missing, objects and arrays give (Jackson gives {@code ""} for objects and
     *                 arrays, and the default for null and missing only; hfhub never relies on the difference)
     * @return the text
     */
    public String asText(String whenNone) {
        return switch (kind) {
            case STRING -> (String) value;
            case NUMBER, BOOLEAN -> String.valueOf(value);
            default -> whenNone;
        };
    }

    /** {@return a number as a {@code long} (truncated or wrapped as Java casts do); 0 for anything else} */
    public long asLong() {
        return kind == Kind.NUMBER ? ((Number) value).longValue() : 0L;
    }

    /**
     * A number, or a string holding an integer, as a {@code long}.
     *
     * @param whenNone what anything else gives
     * @return the value
     */
    public long asLong(long whenNone) {
        if (kind == Kind.NUMBER) {
            return ((Number) value).longValue();
        }
        if (kind == Kind.STRING) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return whenNone;
            }
        }
        return whenNone;
    }

    /** {@return a number as a {@code long} (truncated or wrapped as Java casts do); 0 for anything else} */
    public long longValue() {
        return asLong();
    }

    /** {@return a number as a {@code double}; 0 for anything else} */
    public double doubleValue() {
        return kind == Kind.NUMBER ? ((Number) value).doubleValue() : 0.0;
    }

    /** {@return a boolean's value; false for anything else} */
    public boolean asBoolean() {
        return kind == Kind.BOOLEAN && (Boolean) value;
    }

    /** {@return the value as plain Java: Map, List, String, Long, BigInteger, BigDecimal, Boolean or null} */
    public Object toJava() {
        return switch (kind) {
            case OBJECT -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                fields().forEach((k, v) -> map.put(k, v.toJava()));
                yield map;
            }
            case ARRAY -> elements().stream().map(JsonValue::toJava).toList();
            case NULL, MISSING -> null;
            default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, JsonValue> fields() {
        return (Map<String, JsonValue>) value;
    }

    @SuppressWarnings("unchecked")
    private List<JsonValue> elements() {
        return (List<JsonValue>) value;
    }

    /** {@return the value as compact JSON} */
    @Override
    public String toString() {
        return Json.writeString(toJava());
    }

    /**
     * A string value, for code that checks text from elsewhere (an object's key) as it checks string fields.
     *
     * @param text the text
     * @return the value
     */
    public static JsonValue text(String text) {
        return new JsonValue(Kind.STRING, java.util.Objects.requireNonNull(text, "text"));
    }

    static JsonValue number(Number n) {
        // Long where it fits, so canConvertToLong is a type test; BigDecimal keeps a fraction exactly
        if (n instanceof BigInteger big && big.bitLength() < 64) {
            return new JsonValue(Kind.NUMBER, big.longValue());
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return new JsonValue(Kind.NUMBER, n.longValue());
        }
        if (n instanceof Double || n instanceof Float) {
            return new JsonValue(Kind.NUMBER, BigDecimal.valueOf(n.doubleValue()));
        }
        return new JsonValue(Kind.NUMBER, n);
    }
}
