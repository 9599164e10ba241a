package io.hfhub.cli;

import io.hfhub.ExtractOptions;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The limits against decompression bombs, shared by {@code extract} and {@code download --extract}. */
final class ExtractLimitOptions {
    @Option(names = "--max-bytes", paramLabel = "SIZE", converter = SizeParser.class,
            description = "Refuse to write more than SIZE bytes (K/M/G/T suffixes, 1024-based; default 64G or $HFHUB_EXTRACT_MAX_BYTES).")
    Long maxBytes;

    @Option(names = "--max-ratio", paramLabel = "RATIO",
            description = "Refuse an archive expanding more than RATIO times, over the whole archive, one entry or"
                    + " any 64 MiB of output (default 1000).")
    Double maxRatio;

    @Option(names = "--max-entries", paramLabel = "N",
            description = "Refuse an archive of more than N files, folders and links (default 1000000).")
    Integer maxEntries;

    /** The options with these limits applied, or empty when none was given. */
    Optional<ExtractOptions> options() {
        if (maxBytes == null && maxRatio == null && maxEntries == null) {
            return Optional.empty();
        }
        ExtractOptions.Builder builder = ExtractOptions.defaults().toBuilder();
        if (maxBytes != null) {
            builder.maxBytes(maxBytes);
        }
        if (maxRatio != null) {
            builder.maxCompressionRatio(maxRatio);
        }
        if (maxEntries != null) {
            builder.maxEntries(maxEntries);
        }
        return Optional.of(builder.build());
    }
}
