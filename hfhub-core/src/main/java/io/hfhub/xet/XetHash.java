package io.hfhub.xet;

/** Xet ids (file, xorb) as they travel: 64 lowercase hex, which also makes them safe as file names. */
final class XetHash {
    private XetHash() {}

    // A loop, not chars().allMatch(...): it runs for every term of a reconstruction, where a stream costs JIT work.
    static boolean isValid(String hash) {
        if (hash == null || hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
