package io.hfhub.cli;

import io.hfhub.ArchiveFormat;
import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hfhub extract ARCHIVE [DEST]}: extracts a local archive safely and atomically. The destination is
 * the last line of stdout, so scripts can capture it; everything else goes to stderr.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract a zip, tar, tar.gz/xz/bz2/zst or gz/xz/bz2/zst file (format read from its content).",
                "Refuses entries that would land outside DEST and archives past the size limits; prints DEST last."},
        footer = {"", "Examples:",
                "  hfhub extract images.tar.gz",
                "  hfhub extract data.zip /tmp/data --max-bytes 10G",
                "  hfhub extract \"$(hfhub download acme/archives images.tar.gz --repo-type dataset)\" ./images"})
public final class ExtractCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to extract.")
    Path archive;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
            description = "New or empty folder to extract into (default: beside ARCHIVE, named after it without its archive suffix).")
    Path dest;

    @Option(names = {"-q", "--quiet"}, description = "Print only the destination folder.")
    boolean quiet;

    @CommandLine.Mixin
    OutputFormat output;

    @CommandLine.Mixin
    ExtractLimitOptions limits;

    @Override
    public Integer call() {
        // failures go to Main's handler: one line on stderr, exit 1, the same for every command
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
