package io.hfhub.xet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A Xet id is exactly 64 lowercase hex digits: the characters around each range are refused. */
class XetHashTest {
    @Test
    void onlySixtyFourLowercaseHexDigitsAreAnId() {
        assertThat(XetHash.isValid("0123456789abcdef".repeat(4))).isTrue();
        for (String bad : new String[] {null, "", "a".repeat(63), "a".repeat(65), "/" + "a".repeat(63),
                ":" + "a".repeat(63), "`" + "a".repeat(63), "g" + "a".repeat(63), "A" + "a".repeat(63),
                "\u0661" + "a".repeat(63)}) {
            assertThat(XetHash.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
