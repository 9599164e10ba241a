package io.hfhub.cli;

import io.hfhub.ArchiveFormat;
import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code hfhub extract ARCHIVE [DEST]}: extracts a local archive safely and atomically. The destination is
 * the last line of stdout, so scripts can capture it; everything else goes to stderr.
 */
public final class ExtractCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("extract", ExtractCommand::new)
            .describe("Extract a zip, tar, tar.gz/xz/bz2/zst or gz/xz/bz2/zst file (format read from its content).",
                    "Refuses entries that would land outside DEST and archives past the size limits; prints DEST last.")
            .parameter("ARCHIVE", "The archive to extract.")
            .optionalParameter("DEST", "New or empty folder to extract into (default: beside ARCHIVE, named after it"
                    + " without its archive suffix).")
            .flag("-q, --quiet", "Print only the destination folder.")
            .options(OutputFormat.OPTIONS)
            .options(ExtractLimitOptions.OPTIONS)
            .footer("Examples:",
                    "  hfhub extract images.tar.gz",
                    "  hfhub extract data.zip /tmp/data --max-bytes 10G",
                    "  hfhub extract \"$(hfhub download acme/archives images.tar.gz --repo-type dataset)\" ./images");

    private final Path archive;
    private final Path dest;
    private final boolean quiet;
    private final OutputFormat output;
    private final ExtractLimitOptions limits;

    ExtractCommand(Arguments args) {
        archive = args.parameter(0, "ARCHIVE", Path::of);
        dest = args.parameter(1, "DEST", Path::of);
        quiet = args.has("--quiet");
        output = new OutputFormat(args);
        limits = new ExtractLimitOptions(args);
    }

    @Override
    protected int execute() {
        // failures go to Main's handler: one line on stderr, exit 1, the same for every command
        PrintWriter out = out();
        PrintWriter err = err();
        ExtractOptions options = limits.options().orElseGet(ExtractOptions::defaults);
        Path target = dest != null ? dest : defaultDestination(archive);
        ExtractResult result = Archives.extract(archive, target, options);
        if (output.isJson()) {
            OutputFormat.print(out, OutputFormat.object("path", result.directory().toString(),
                    "files", result.files().size(), "size", HumanFormat.size(result.totalBytes()),
                    "size_bytes", result.totalBytes()));
            return 0;
        }
        if (!quiet && output.isHuman()) {
            err.printf("Extracted %d files (%s) from %s%n", result.files().size(), HumanFormat.size(result.totalBytes()),
                    Terminal.printable(archive.toString()));
            err.flush();
        }
        out.println(result.directory());
        out.flush();
        return 0;
    }

    /** {@code data.tar.gz} → {@code data} beside it; a name with no archive suffix gets {@code .extracted}. */
    static Path defaultDestination(Path archive) {
        String name = String.valueOf(archive.toAbsolutePath().getFileName());
        String stripped = ArchiveFormat.stripSuffix(name);
        return archive.toAbsolutePath().resolveSibling(stripped.equals(name) ? name + ".extracted" : stripped);
    }

}
