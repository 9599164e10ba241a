package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
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
    void eachCharacterClassEndsWhereTheRfcSays() throws Exception {
        // written: a token name is visible ASCII but the separators; a value is tab, then space to 0xff but DEL
        assertThat(head("http://example.com/", Map.of("!#$%&'*+-.^_`|~09AZaz", "\t ~\u0080\u00ff")))
                .contains("\r\n!#$%&'*+-.^_`|~09AZaz: \t ~\u0080\u00ff\r\n");
        for (String name : new String[] {"x\u007f", "x\u0080", "x(", "x}", "x\"", "x\\", "x\t"}) {
            assertThatThrownBy(() -> head("http://example.com/", Map.of(name, "1"))).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String value : new String[] {"\u001f", "\u007f", "\u0100"}) {
            assertThatThrownBy(() -> head("http://example.com/", Map.of("x-a", value))).as(value)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // read: the same classes, on names, values and the status line's reason
        Http1.Head head = Http1.parseHead("HTTP/1.1 200 O\tK\u00ff\r\n~x!: \t \u00ff~\r\nContent-Length: 0", "h");
        assertThat(head.header("~X!")).isEqualTo("\u00ff~");
        assertThat(Http1.framing("GET", head, "h")).isEqualTo(new Http1.Framing.Length(0));
        for (String line : new String[] {"x\u007f: 1", "x\u0080: 1", "x(: 1", "x-a: \u007f", "x-a: a\u001fb"}) {
            assertThatThrownBy(() -> Http1.parseHead("HTTP/1.1 200 OK\r\n" + line, "h")).as(line)
                    .isInstanceOf(ProtocolException.class);
        }
        assertThat(Http1.statusCode("HTTP/1.1 200 O\u007fK")).isEqualTo(-1);
        assertThat(Http1.statusCode("HTTP/1.1 200 O\u001fK")).isEqualTo(-1);
        for (String length : new String[] {"/", ":", "1a", "9999999999999999999"}) {
            Http1.Head bad = Http1.parseHead("HTTP/1.1 200 OK\r\nContent-Length: " + length, "h");
            assertThatThrownBy(() -> Http1.framing("GET", bad, "h")).as(length).isInstanceOf(ProtocolException.class);
        }
        Http1.Head longest = Http1.parseHead("HTTP/1.1 200 OK\r\nContent-Length: 999999999999999999", "h");
        assertThat(Http1.framing("GET", longest, "h")).isEqualTo(new Http1.Framing.Length(999999999999999999L));
    }

    @Test
    void aHeadIsSplitAtEachCrlfAndKeepsAliveUnlessCloseIsOneOfItsTokens() throws Exception {
        Http1.Head head = Http1.parseHead("HTTP/1.1 206 Partial\r\nA: 1\r\nB:2\r\na: 3\r\nConnection: keep-alive", "h");
        assertThat(head.code()).isEqualTo(206);
        assertThat(head.headers().get("A")).containsExactly("1", "3");
        assertThat(head.header("b")).isEqualTo("2");
        assertThat(head.keepsAlive()).isTrue();
        assertThat(Http1.parseHead("HTTP/1.1 200 OK", "h").headers()).isEmpty();
        assertThat(Http1.parseHead("HTTP/1.1 200 OK\r\nConnection: x\r\nConnection: keep-alive , Close", "h")
                .keepsAlive()).isFalse();
        assertThat(Http1.parseHead("HTTP/1.0 200 OK\r\nConnection: keep-alive", "h").keepsAlive()).isFalse();
        for (String bad : new String[] {"HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nA: 1\r\n\r\nB: 2",
                "HTTP/1.1 200 OK\r\nA: 1\nB: 2", "HTTP/1.1 200 OK\r\nA: 1\r\n folded"}) {
            assertThatThrownBy(() -> Http1.parseHead(bad, "h")).as(bad).isInstanceOf(ProtocolException.class);
        }
        assertThatThrownBy(() -> Http1.parseHead("HTTP/1.1 200 OK\nA: 1", "h")).isNotInstanceOf(ProtocolException.class)
                .hasMessage("not an HTTP response from h");
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
