package io.hfhub.xet;

import java.util.List;
import java.util.Map;

/**
 * A file's reconstruction, as the CAS answers {@code GET /v1/reconstructions/{file_hash}}, after
 * {@link ReconstructionParser} checked that its parts fit together. Every term is matched to the fetch range that
 * covers it ({@link Term#fetch()}), so the downloader never searches.
 *
 * @param offsetIntoFirstRange bytes of the first term's data before the requested start (a ranged request may start
 *                             mid-chunk, and chunks are fetched whole)
 * @param terms                the file's data in order: chunk ranges of xorbs
 */
record Reconstruction(long offsetIntoFirstRange, List<Term> terms) {

    /**
     * Chunks {@code [start, end)} of xorb {@code xorb}, {@code unpackedLength} bytes once decoded, fetched with
     * {@code fetch}.
     */
    record Term(String xorb, int start, int end, long unpackedLength, FetchRange fetch) {}

    /**
     * A presigned URL and the bytes of it ({@code urlStart..urlEnd}, inclusive, as in the {@code Range} header) that
     * hold chunks {@code [start, end)} of {@code xorb}.
     */
    record FetchRange(String xorb, int start, int end, String url, long urlStart, long urlEnd) {
        long length() {
            return urlEnd - urlStart + 1;
        }

        boolean covers(int from, int to) {
            return start <= from && to <= end;
        }

        @Override
        public String toString() {
            return "xorb " + xorb + " chunks [" + start + ", " + end + ")"; // never the presigned URL
        }
    }

    /** How many terms use each fetch range last, so its bytes can be dropped after that term. */
    Map<FetchRange, Integer> lastUse() {
        Map<FetchRange, Integer> last = new java.util.IdentityHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            last.put(terms.get(i).fetch(), i);
        }
        return last;
    }
}
