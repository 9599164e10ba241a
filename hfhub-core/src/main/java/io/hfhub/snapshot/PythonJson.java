package io.hfhub.snapshot;

import java.util.Comparator;

/**
 * The two details of Python's {@code json} module and {@code str} that files shared with the Python client depend
 * on, so that a file written by {@code hfhub} is byte-for-byte the one Python would have written.
 */
final class PythonJson {
    /**
     * Python sorts {@code str} by code point; {@link String#compareTo} compares UTF-16 units, which orders
     * characters above U+FFFF before U+E000–U+FFFF. Used for the {@code sorted(entries)} of the tree cache.
     */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private PythonJson() {}

    /**
     * A JSON string literal as {@code json.dumps} writes it with the default {@code ensure_ascii=True}: the usual
     * short escapes, {@code \}{@code u00XX} for other control characters and everything outside printable ASCII
     * (DEL included), lower-case hex, characters above U+FFFF as a surrogate pair.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
