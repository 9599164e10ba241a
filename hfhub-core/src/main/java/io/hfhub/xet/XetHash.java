package io.hfhub.xet;

/** Xet ids (file, xorb) as they travel: 64 lowercase hex, which also makes them safe as file names. */
final class XetHash {
    private XetHash() {}

    static boolean isValid(String hash) {
        return hash != null && hash.length() == 64 && hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
