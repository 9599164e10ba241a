package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's grammar that scripts rely on, whatever parses it. */
class CommandLineContractTest {
    @TempDir
    Path cache;

    @Test
    void optionsTakeTheirValueAfterEqualsOrAsTheNextWordAndAnywhereAmongParameters() {
        CliRun spaced = CliRun.of("cache", "ls", "--cache-dir", cache.toString(), "--format", "quiet");
        CliRun equals = CliRun.of("cache", "ls", "--format=quiet", "--cache-dir=" + cache);

        assertThat(spaced.exit()).isZero();
        assertThat(equals.exit()).isZero();
        assertThat(equals.out()).isEqualTo(spaced.out());
        assertThat(CliRun.of("cache", "verify", "--cache-dir", cache.toString(), "-q").exit()).isZero();
    }

    @Test
    void commandAliasesAndOptionAliasesWork() {
        for (String alias : new String[] {"ls", "list", "scan"}) {
            assertThat(CliRun.of("cache", alias, "--cache-dir", cache.toString()).exit()).as(alias).isZero();
        }
        for (String type : new String[] {"--type", "--repo-type"}) {
            assertThat(CliRun.of("cache", "verify", "acme/none", type, "dataset", "--cache-dir", cache.toString())
                    .err()).as(type).startsWith("hfhub: dataset acme/none is not in the cache");
        }
        assertThat(CliRun.of("auth", "ls", "--help").out()).startsWith("Usage: hfhub auth list");
    }

    @Test
    void verboseGoesBeforeOrAfterTheCommand() {
        assertThat(CliRun.of("--verbose", "cache", "ls", "--cache-dir", cache.toString()).exit()).isZero();
        assertThat(CliRun.of("cache", "--verbose", "ls", "--cache-dir", cache.toString()).exit()).isZero();
        assertThat(CliRun.of("cache", "ls", "--cache-dir", cache.toString(), "--verbose").exit()).isZero();
    }

    @Test
    void helpAndVersionWorkOnEveryLevel() {
        assertThat(CliRun.of("help", "cache", "rm").out()).isEqualTo(CliRun.of("cache", "rm", "--help").out())
                .contains("TARGET", "--dry-run", "Examples:");
        assertThat(CliRun.of("help", "download").out()).isEqualTo(CliRun.of("download", "-h").out());
        assertThat(CliRun.of("help").out()).isEqualTo(CliRun.of("--help").out()).contains("download", "Environment:");
        assertThat(CliRun.of("download", "-V").out()).isEqualTo(CliRun.of("--version").out()).startsWith("hfhub ");
        assertThat(CliRun.of("help", "nonsense").exit()).isEqualTo(2);
    }

    @Test
    void aSingleValuedOptionGivenTwiceIsAUsageErrorWhileRepeatableOnesCollect() {
        CliRun twice = CliRun.of("download", "acme/x", "--revision", "a", "--revision", "b");

        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err().lines().toList()).containsExactly(
                "hfhub: option '--revision' (REV) should be specified only once", "Try 'hfhub download --help'");
        assertThat(CliRun.of("cache", "ls", "-f", "type=model", "--filter", "size>1", "--cache-dir", cache.toString())
                .exit()).isZero();
    }

    @Test
    void aBadNumberIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("download", "acme/x", "--max-workers", "many");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("hfhub: Invalid value for option '--max-workers' (N): 'many'");
    }

    @Test
    void anAbbreviatedOptionIsNotTakenForTheFullOne() {
        assertThat(CliRun.of("cache", "ls", "--cache", cache.toString()).exit()).isEqualTo(2);
    }
}
