package io.hfhub.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTextTest {
    @Test
    void aQueryIsRedactedWholeWhateverSecretsItHolds() {
        assertThat(ServerText.redact("GET http://cdn.test/blobs/ab?token=s3cr3t&Expires=1 -> 200"))
                .isEqualTo("GET http://cdn.test/blobs/ab?<redacted> -> 200");
        assertThat(ServerText.redact("to https://cdn.test/x?sig=hf_abcdefgh12&a=1 done", List.of("hf_abcdefgh12")))
                .isEqualTo("to https://cdn.test/x?<redacted> done");
    }

    @Test
    void aQueryAlreadyRedactedIsLeftAsItIs() {
        // the request log redacts a URL's query itself before its line goes through here
        assertThat(ServerText.redact("GET https://cdn.test/blobs/ab?<redacted> -> 206 (3 ms)"))
                .isEqualTo("GET https://cdn.test/blobs/ab?<redacted> -> 206 (3 ms)");
    }

    @Test
    void userInfoLiteralsAndCredentialsOutsideAQueryAreRedactedToo() {
        assertThat(ServerText.redact("https://user:pa55word@hub.test/api?x=1 Bearer hf_abcdefgh12", List.of("pa55word")))
                .isEqualTo("https://<redacted>@hub.test/api?<redacted> Bearer <redacted>");
    }
}
