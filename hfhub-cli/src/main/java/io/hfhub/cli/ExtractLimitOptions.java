package io.hfhub.cli;

import io.hfhub.ExtractOptions;
import io.hfhub.ByteSize;
import java.util.List;
import java.util.Optional;

/** The limits against decompression bombs, shared by {@code extract} and {@code download --extract}. */
final class ExtractLimitOptions {
    static final List<CommandSpec.Opt> OPTIONS = List.of(
            CommandSpec.Opt.value("--max-bytes", "SIZE", "Refuse to write more than SIZE bytes (K/M/G/T suffixes,"
                    + " 1024-based; default 64G or $HFHUB_EXTRACT_MAX_BYTES)."),
            CommandSpec.Opt.value("--max-ratio", "RATIO", "Refuse an archive expanding more than RATIO times, over the"
                    + " whole archive, one entry or any 64 MiB of output (default 1000)."),
            CommandSpec.Opt.value("--max-entries", "N",
                    "Refuse an archive of more than N files, folders and links (default 1000000)."));

    private final Long maxBytes;
    private final Double maxRatio;
    private final Integer maxEntries;

    ExtractLimitOptions(Arguments args) {
        maxBytes = args.value("--max-bytes", ByteSize::parse, null);
        maxRatio = args.value("--max-ratio", Arguments::decimal, null);
        maxEntries = args.value("--max-entries", Arguments::integer, null);
    }

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
