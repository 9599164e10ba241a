package io.hfhub.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One glob compiled with the semantics of Python's {@code fnmatch.fnmatchcase}: case-sensitive, {@code *} matches
 * any run of characters including {@code /}, {@code ?} any single character, {@code [seq]} / {@code [!seq]} a
 * character set. There is no escape character: a backslash is an ordinary character.
 *
 * <p>The set rules follow CPython's {@code fnmatch.translate} rather than POSIX shells, because the file selection
 * must be identical to the Python client's: a {@code ]} right after {@code [} or {@code [!} is a literal member, an
 * unterminated {@code [} is a literal {@code [}, a range whose ends are reversed (such as {@code z-a}) is dropped
 * together with its ends, an empty set never matches and a negated empty set matches any character.
 *
 * <p>Characters are compared as Unicode code points, as Python compares {@code str} characters. Instances are
 * immutable and thread-safe.
 */
final class GlobPattern {
    /** One pattern element; every element except {@link Star} consumes exactly one code point. */
    private sealed interface Token permits Star, AnyChar, Literal, CharSet {}

    private record Star() implements Token {}

    private record AnyChar() implements Token {}

    private record Literal(int codePoint) implements Token {}

    /** A bracket expression: a list of inclusive code-point ranges (a literal is a range of one). */
    private record CharSet(boolean negated, int[] lows, int[] highs) implements Token {
        boolean matches(int codePoint) {
            boolean member = false;
            for (int i = 0; i < lows.length && !member; i++) {
                member = lows[i] <= codePoint && codePoint <= highs[i];
            }
            return member != negated;
        }
    }

    private static final Token STAR = new Star();
    private static final Token ANY_CHAR = new AnyChar();

    private final String pattern;
    private final Token[] tokens;

    private GlobPattern(String pattern, Token[] tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
    }

    /** Compiles {@code pattern}; every string is a valid pattern, as in Python. */
    static GlobPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        int[] cps = pattern.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i++];
            if (c == '*') {
                // Consecutive stars are equivalent to one; collapsing them keeps backtracking linear.
                if (tokens.isEmpty() || !(tokens.get(tokens.size() - 1) instanceof Star)) {
                    tokens.add(STAR);
                }
            } else if (c == '?') {
                tokens.add(ANY_CHAR);
            } else if (c == '[') {
                int close = findSetEnd(cps, i);
                if (close < 0) {
                    tokens.add(new Literal('[')); // fnmatch: an unterminated '[' is literal
                } else {
                    tokens.add(parseSet(cps, i, close));
                    i = close + 1;
                }
            } else {
                tokens.add(new Literal(c));
            }
        }
        return new GlobPattern(pattern, tokens.toArray(new Token[0]));
    }

    /**
     * Returns the index of the {@code ]} closing a set whose content starts at {@code from}, or -1. A {@code ]}
     * directly after the opening {@code [} or {@code [!} belongs to the set, as in {@code fnmatch.translate}.
     */
    private static int findSetEnd(int[] cps, int from) {
        int j = from;
        if (j < cps.length && cps[j] == '!') {
            j++;
        }
        if (j < cps.length && cps[j] == ']') {
            j++;
        }
        while (j < cps.length && cps[j] != ']') {
            j++;
        }
        return j < cps.length ? j : -1;
    }

    /**
     * Builds the set for the content {@code cps[start, end)}. The split into "chunks" mirrors CPython: hyphens
     * are found left to right, a hyphen right after a range is literal (the search resumes two characters after
     * the previous hyphen), a trailing hyphen is literal, and reversed ranges are removed from the right.
     */
    private static CharSet parseSet(int[] cps, int start, int end) {
        boolean negated = cps[start] == '!';
        List<int[]> chunks = new ArrayList<>();
        int chunkStart = start;
        int k = negated ? start + 2 : start + 1;
        while (true) {
            k = indexOf(cps, '-', k, end);
            if (k < 0) {
                break;
            }
            chunks.add(slice(cps, chunkStart, k));
            chunkStart = k + 1;
            k += 3;
        }
        int[] last = slice(cps, chunkStart, end);
        if (last.length > 0 || chunks.isEmpty()) {
            chunks.add(last);
        } else {
            // Python appends the trailing '-' to the previous chunk, which makes it a literal member.
            int[] previous = chunks.remove(chunks.size() - 1);
            chunks.add(concat(previous, new int[] {'-'}, 0));
        }
        for (int c = chunks.size() - 1; c > 0; c--) {
            int[] before = chunks.get(c - 1);
            int[] after = chunks.get(c);
            if (before[before.length - 1] > after[0]) {
                // A reversed range such as 'z-a' is invalid in a regex; Python drops it with both its ends.
                chunks.set(c - 1, concat(slice(before, 0, before.length - 1), after, 1));
                chunks.remove(c);
            }
        }
        if (negated) {
            chunks.set(0, slice(chunks.get(0), 1, chunks.get(0).length));
        }
        return toCharSet(negated, chunks);
    }

    /**
     * Chunks are joined by hyphens: the last character of one chunk and the first of the next form a range, all
     * other characters are literals. CPython guarantees every inner chunk keeps at least two characters, so the
     * two ends of an inner chunk are distinct.
     */
    private static CharSet toCharSet(boolean negated, List<int[]> chunks) {
        List<int[]> ranges = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            int[] chunk = chunks.get(c);
            int from = c > 0 ? 1 : 0;
            int to = c < chunks.size() - 1 ? chunk.length - 1 : chunk.length;
            for (int i = from; i < to; i++) {
                ranges.add(new int[] {chunk[i], chunk[i]});
            }
            if (c < chunks.size() - 1) {
                ranges.add(new int[] {chunk[chunk.length - 1], chunks.get(c + 1)[0]});
            }
        }
        int[] lows = new int[ranges.size()];
        int[] highs = new int[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            lows[i] = ranges.get(i)[0];
            highs[i] = ranges.get(i)[1];
        }
        return new CharSet(negated, lows, highs);
    }

    /** Whether the whole of {@code text} matches this pattern. */
    boolean matches(String text) {
        int[] s = text.codePoints().toArray();
        int p = 0;
        int si = 0;
        int starP = -1;
        int starS = -1;
        // Classic greedy-star backtracking: only the most recent '*' needs to be retried, because every other
        // token consumes exactly one character. Worst case O(pattern x text), no recursion.
        while (si < s.length) {
            if (p < tokens.length && tokens[p] instanceof Star) {
                starP = p++;
                starS = si;
            } else if (p < tokens.length && matchesOne(tokens[p], s[si])) {
                p++;
                si++;
            } else if (starP >= 0) {
                p = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] instanceof Star) {
            p++;
        }
        return p == tokens.length;
    }

    private static boolean matchesOne(Token token, int codePoint) {
        if (token instanceof AnyChar) {
            return true;
        }
        if (token instanceof Literal literal) {
            return literal.codePoint() == codePoint;
        }
        return ((CharSet) token).matches(codePoint);
    }

    private static int indexOf(int[] cps, int value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (cps[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int[] slice(int[] cps, int from, int to) {
        return java.util.Arrays.copyOfRange(cps, from, Math.max(from, to));
    }

    /** {@code head} followed by {@code tail[tailFrom..]}. */
    private static int[] concat(int[] head, int[] tail, int tailFrom) {
        int[] out = java.util.Arrays.copyOf(head, head.length + tail.length - tailFrom);
        System.arraycopy(tail, tailFrom, out, head.length, tail.length - tailFrom);
        return out;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
