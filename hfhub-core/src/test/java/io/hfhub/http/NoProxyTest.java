package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code NO_PROXY} as curl reads it. */
class NoProxyTest {
    @Test
    void domainsMatchThemselvesAndTheirSubdomainsOnly() {
        NoProxy rules = NoProxy.parse("example.com, .internal.corp");
        assertThat(rules.bypasses("example.com", 443)).isTrue();
        assertThat(rules.bypasses("www.example.com", 443)).isTrue();
        assertThat(rules.bypasses("notexample.com", 443)).isFalse();
        assertThat(rules.bypasses("internal.corp", 443)).isTrue();
        assertThat(rules.bypasses("hub.internal.corp", 443)).isTrue();
        assertThat(rules.bypasses("EXAMPLE.COM.", 443)).isTrue();
        assertThat(rules.bypasses("huggingface.co", 443)).isFalse();
    }

    @Test
    void ipsAndCidrBlocksMatchOnlyIpLiterals() {
        NoProxy rules = NoProxy.parse("10.0.0.0/8,192.168.1.7 ::1 fd00::/8");
        assertThat(rules.bypasses("10.20.30.40", 80)).isTrue();
        assertThat(rules.bypasses("11.0.0.1", 80)).isFalse();
        assertThat(rules.bypasses("192.168.1.7", 80)).isTrue();
        assertThat(rules.bypasses("192.168.1.8", 80)).isFalse();
        assertThat(rules.bypasses("[::1]", 80)).isTrue();
        assertThat(rules.bypasses("fd12::5", 80)).isTrue();
        assertThat(rules.bypasses("fe80::1", 80)).isFalse();
        assertThat(rules.bypasses("ten.example", 80)).isFalse(); // a name is never resolved to test a block
    }

    @Test
    void aStarBypassesEverythingAndAPortMustMatch() {
        assertThat(NoProxy.parse("*").bypasses("huggingface.co", 443)).isTrue();
        NoProxy rules = NoProxy.parse("mirror.corp:8080,[::1]:9000");
        assertThat(rules.bypasses("mirror.corp", 8080)).isTrue();
        assertThat(rules.bypasses("mirror.corp", 443)).isFalse();
        assertThat(rules.bypasses("::1", 9000)).isTrue();
        assertThat(rules.bypasses("::1", 9001)).isFalse();
        assertThat(NoProxy.parse(null).bypasses("localhost", 80)).isFalse();
        assertThat(NoProxy.parse(" , ").bypasses("localhost", 80)).isFalse();
    }
}
