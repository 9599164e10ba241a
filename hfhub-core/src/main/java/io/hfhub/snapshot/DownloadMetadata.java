package io.hfhub.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The content of a {@code local_dir} metadata file: which commit and ETag the local file was downloaded at, and
 * when that was recorded. The file holds three lines, {@code "<commit>\n<etag>\n<timestamp>\n"}, where the
 * timestamp is Unix seconds written as Python writes {@code str(time.time())}, e.g. {@code 1712656091.1234567}.
 *
 * @param commitHash the commit the file was downloaded at
 * @param etag the file's ETag: the sha256 of an LFS file, the git blob id of a regular file
 * @param timestamp Unix time in seconds (fractional) at which the metadata was written
 */
public record DownloadMetadata(String commitHash, String etag, double timestamp) {

    /** Rejects values that would break the line-based format. */
    public DownloadMetadata {
        requireSingleLine(commitHash, "commitHash");
        requireSingleLine(etag, "etag");
    }

    /** The exact bytes Python's {@code write_download_metadata} writes, as text. */
    public String toFileContent() {
        return commitHash + "\n" + etag + "\n" + pythonRepr(timestamp) + "\n";
    }

    /**
     * Python's {@code repr(float)} for the range timestamps live in: the shortest decimal that reads back as the
     * same double, in positional notation, with {@code .0} for whole numbers. Java 17's {@link Double#toString}
     * is not always the shortest (JDK-4511638) and switches to exponent notation above 10^7, so it is not used.
     */
    static String pythonRepr(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                shortest = candidate;
                break;
            }
        }
        String plain = shortest.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }

    private static void requireSingleLine(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || !value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " must be one non-blank line without surrounding spaces");
        }
    }
}
