/**
 * The {@code hfhub} command line. It reads only what {@code io.hfhub.core} exports ({@code io.hfhub},
 * {@code io.hfhub.cache}), so the compiler refuses any use of the library's internal packages.
 */
module io.hfhub.cli {
    requires io.hfhub.core;
    requires org.apache.commons.cli;
    // --format json prints maps and lists with the generator of the library's JSON dependency.
    requires com.fasterxml.jackson.core;
    // The CLI extracts every archive format: the library's optional extraction modules are required here, so
    // they are resolved when the CLI runs on the module path.
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires com.github.luben.zstd_jni;
    // Every System.Logger of the run goes to stderr through the CLI's own finder (--verbose / HF_DEBUG), not
    // java.util.logging: declared here for the module path, in META-INF/services for the one-file jar.
    provides java.lang.System.LoggerFinder with io.hfhub.cli.CliLogging;
}
