package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataRequestTest {
    @Test
    void etagsAreNormalised() {
        assertThat(MetadataRequest.normaliseEtag("\"abc\"")).isEqualTo("abc");
        assertThat(MetadataRequest.normaliseEtag("W/\"abc\"")).isEqualTo("abc");
        assertThat(MetadataRequest.normaliseEtag("abc")).isEqualTo("abc");
        assertThat(MetadataRequest.normaliseEtag("\"\"")).isNull();
        assertThat(MetadataRequest.normaliseEtag(null)).isNull();
    }
}
