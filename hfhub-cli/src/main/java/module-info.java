/**
 * The {@code hfhub} command line. It uses only hfhub's API ({@code io.hfhub}, {@code io.hfhub.cache}): reading
 * this module's {@code requires}, the compiler refuses any use of the library's internal packages.
 */
module io.hfhub.cli {
    requires io.hfhub.core;
    requires info.picocli;
    // --format json prints maps and lists.
    requires com.fasterxml.jackson.databind;
    // --verbose / HF_DEBUG: the library's System.Logger events go to java.util.logging, configured here.
    requires java.logging;

    // picocli fills the commands' annotated fields by reflection.
    opens io.hfhub.cli to info.picocli;
}
