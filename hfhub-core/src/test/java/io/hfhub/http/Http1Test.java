package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request head written and the pieces of a response head parsed, without sockets. */
class Http1Test {
    private static String head(String url, Map<String, String> headers) {
        return new String(Http1.requestHead("GET", URI.create(url), headers), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theHostHeaderCarriesAPortOtherThan80AndBracketsAnIpv6Literal() {
        assertThat(head("http://example.com/x", Map.of())).startsWith("GET /x HTTP/1.1\r\nHost: example.com\r\n");
        assertThat(head("http://example.com:80", Map.of())).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
        assertThat(head("http://[::1]:8080/p?q=1", Map.of())).startsWith("GET /p?q=1 HTTP/1.1\r\nHost: [::1]:8080\r\n");
    }

    @Test
    void nonAsciiPathsAreEscapedAndTransportHeadersAreTheTransports() {
        String head = head("http://example.com/caf\u00e9", Map.of("connection", "keep-alive", "host", "evil",
                "accept", "text/plain", "range", "bytes=5-"));
        assertThat(head).startsWith("GET /caf%C3%A9 HTTP/1.1\r\n").contains("\r\naccept: text/plain\r\n")
                .contains("\r\nrange: bytes=5-\r\n").doesNotContain("keep-alive").doesNotContain("evil")
                .doesNotContain("*/*").endsWith("\r\n\r\n");
    }

    @Test
    void controlCharactersInNamesOrValuesAreRefused() {
        for (Map<String, String> headers : java.util.List.of(Map.of("x-a", "1\r\nx-b: 2"), Map.of("x-a", "1\nx"),
                Map.of("x-a", "\u0000"), Map.of("x a", "1"), Map.of("x:a", "1"), Map.of("", "1"), Map.of("x-a", "\u20ac"))) {
            assertThatThrownBy(() -> head("http://example.com/", headers)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Http1.requestHead("GET\r\nX", URI.create("http://example.com/"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusLinesAreStrict() {
        assertThat(Http1.statusCode("HTTP/1.1 200 OK")).isEqualTo(200);
        assertThat(Http1.statusCode("HTTP/1.0 404")).isEqualTo(404);
        assertThat(Http1.statusCode("HTTP/1.1 302 ")).isEqualTo(302);
        for (String bad : new String[] {"HTTP/1.1 20", "HTTP/1.2 200 OK", "http/1.1 200 OK", "HTTP/1.1 2000 OK",
                "HTTP/1.1 +20 OK", "ICY 200 OK", "HTTP/1.1 200 O\u0001K"}) {
            assertThat(Http1.statusCode(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void chunkSizesAreBoundedHex() {
        assertThat(Http1.chunkSize("1a")).isEqualTo(26);
        assertThat(Http1.chunkSize("FF; ext=\"x\"")).isEqualTo(255);
        assertThat(Http1.chunkSize("fffffffffffffff")).isEqualTo(0xfffffffffffffffL);
        for (String bad : new String[] {"", "-1", "0x10", "g", "1000000000000000", "\u0661"}) {
            assertThat(Http1.chunkSize(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void headEndIsTheFirstBlankLine() {
        byte[] bytes = "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Http1.headEnd(bytes, 0, bytes.length, 0)).isEqualTo(25);
        assertThat(Http1.headEnd(bytes, 0, 24, 0)).isEqualTo(-1);
        assertThat(Http1.mayBeHttp(bytes, 0, 3)).isTrue();
        assertThat(Http1.mayBeHttp("HTX".getBytes(StandardCharsets.ISO_8859_1), 0, 3)).isFalse();
    }
}
