package io.hfhub.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of URL path parts as the Python client encodes them ({@code urllib.parse.quote}):
 * {@code %XX} escapes of UTF-8 bytes, {@code +} kept literal (it is not form encoding). Malformed escapes and
 * invalid UTF-8 are rejected instead of being repaired, so one path can never decode two ways.
 */
final class PercentDecoder {
    private PercentDecoder() {}

    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) != '%') {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                byte[] literal = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
                i = end;
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw HubError.badRequest("malformed percent escape in '" + raw + "'");
            }
            bytes.write(hi << 4 | lo);
            i += 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HubError.badRequest("path is not valid UTF-8 once decoded");
        }
    }
}
