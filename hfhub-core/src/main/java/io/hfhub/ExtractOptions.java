package io.hfhub;

import java.util.Map;
import java.util.Objects;

/**
 * Limits and progress reporting for an extraction. Immutable; build one with {@link #builder()} or derive a
 * variant with {@link #toBuilder()}.
 *
 * <p>The limits stop decompression bombs: every byte is counted as it is written, never taken from an
 * archive's headers, and the first limit crossed stops the extraction with an
 * {@link ArchiveTooLargeException} that leaves nothing behind.
 */
public final class ExtractOptions {
    /** The environment variable that overrides {@link #DEFAULT_MAX_BYTES}; a byte count with an optional K, M, G or T suffix (1024-based). */
    public static final String MAX_BYTES_ENV = "HFHUB_EXTRACT_MAX_BYTES";
    /** Default limit on the bytes written by one extraction: 64 GiB, above the largest single files on the Hub. */
    public static final long DEFAULT_MAX_BYTES = 64L << 30;
    /** Default limit on the entries of one archive. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
    /**
     * Default limit on bytes written per archive byte read. Real data stays far below it (text compresses
     * about 10:1); deflate cannot exceed about 1032:1, so only long runs of one byte come near.
     */
    public static final double DEFAULT_MAX_COMPRESSION_RATIO = 1000;

    private static final ExtractOptions BUILT_IN = new Builder().build();

    private final long maxBytes;
    private final int maxEntries;
    private final double maxCompressionRatio;
    private final ProgressListener progressListener;

    private ExtractOptions(Builder builder) {
        this.maxBytes = builder.maxBytes;
        this.maxEntries = builder.maxEntries;
        this.maxCompressionRatio = builder.maxCompressionRatio;
        this.progressListener = builder.progressListener;
    }

    /** {@return the defaults, with {@value #MAX_BYTES_ENV} read from the process environment (here, once per call)} */
    public static ExtractOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The defaults, with {@value #MAX_BYTES_ENV} taken from {@code env} when set.
     *
     * @param env the environment variables to read
     * @return the options
     * @throws IllegalArgumentException if the variable is set to something that is not a size
     */
    public static ExtractOptions fromEnvironment(Map<String, String> env) {
        String maxBytes = env.get(MAX_BYTES_ENV);
        if (maxBytes == null || maxBytes.isBlank()) {
            return BUILT_IN;
        }
        try {
            return builder().maxBytes(ByteSize.parse(maxBytes)).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MAX_BYTES_ENV + "='" + maxBytes
                    + "' is not a size: use a byte count with an optional K, M, G or T suffix, e.g. 100G", e);
        }
    }

    /** {@return a builder holding the built-in defaults (the environment is not read)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this object's settings} */
    public Builder toBuilder() {
        return new Builder()
                .maxBytes(maxBytes)
                .maxEntries(maxEntries)
                .maxCompressionRatio(maxCompressionRatio)
                .progressListener(progressListener);
    }

    /** {@return the most bytes one extraction may write} */
    public long maxBytes() {
        return maxBytes;
    }

    /** {@return the most entries (files, folders and links) one archive may hold} */
    public int maxEntries() {
        return maxEntries;
    }

    /** {@return the most bytes written per byte of archive read, checked once the first MiB has been written} */
    public double maxCompressionRatio() {
        return maxCompressionRatio;
    }

    /** {@return the listener receiving started/progress/finished/failed events named after the archive} */
    public ProgressListener progressListener() {
        return progressListener;
    }

    @Override
    public String toString() {
        return "ExtractOptions{maxBytes=" + maxBytes + ", maxEntries=" + maxEntries
                + ", maxCompressionRatio=" + maxCompressionRatio + "}";
    }

    /** Builds {@link ExtractOptions}; every setter validates its argument at once. */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private double maxCompressionRatio = DEFAULT_MAX_COMPRESSION_RATIO;
        private ProgressListener progressListener = ProgressListener.NONE;

        private Builder() {}

        /**
         * Sets the most bytes one extraction may write; must be positive.
         *
         * @param maxBytes the limit in bytes
         * @return this builder
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Sets the most entries one archive may hold; must be positive.
         *
         * @param maxEntries the limit
         * @return this builder
         */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * Sets the most bytes written per archive byte read; must be at least 1.
         *
         * @param maxCompressionRatio the limit, bytes written per archive byte
         * @return this builder
         */
        public Builder maxCompressionRatio(double maxCompressionRatio) {
            if (!(maxCompressionRatio >= 1)) {
                throw new IllegalArgumentException("maxCompressionRatio must be at least 1: " + maxCompressionRatio);
            }
            this.maxCompressionRatio = maxCompressionRatio;
            return this;
        }

        /**
         * Sets the listener for progress events; {@link ProgressListener#NONE} by default.
         *
         * @param progressListener the listener
         * @return this builder
         */
        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        /** {@return the immutable options} */
        public ExtractOptions build() {
            return new ExtractOptions(this);
        }
    }
}
