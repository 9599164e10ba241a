package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage errors: one line naming the offending word, a suggestion when close, where the help is; exit 2. */
class UsageErrorTest {
    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void aMistypedOptionIsOneLineWithASuggestionAndWhereTheHelpIs() {
        CliRun run = CliRun.of("download", "acme/x", "--revison", "main");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(lines(run.err())).containsExactly(
                "hfhub: Unknown option: '--revison' (did you mean '--revision'?)",
                "Try 'hfhub download --help'");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun run = CliRun.of("donwload", "acme/x");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(lines(run.err())).hasSize(2);
        assertThat(lines(run.err()).get(0)).startsWith("hfhub: ").contains("'donwload'", "did you mean 'download'?");
        assertThat(lines(run.err()).get(1)).isEqualTo("Try 'hfhub --help'");
    }

    @Test
    void aMissingArgumentNamesIt() {
        CliRun run = CliRun.of("cache", "rm");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(lines(run.err())).containsExactly("hfhub: Missing required parameter: 'TARGET'",
                "Try 'hfhub cache rm --help'");
    }

    @Test
    void bareCommandsPrintAShortUsageAndExit2() {
        CliRun bare = CliRun.of();
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.out()).isEmpty();
        assertThat(bare.err()).startsWith("Usage: hfhub COMMAND").contains("download", "cache", "auth")
                .contains("Try 'hfhub --help' for more.");
        assertThat(lines(bare.err()).size()).isLessThan(12);

        CliRun cache = CliRun.of("cache");
        assertThat(cache.exit()).isEqualTo(2);
        assertThat(cache.err()).contains("ls", "rm", "prune", "verify");
    }

    @Test
    void anEndpointWithoutSchemeSaysSo() {
        CliRun run = CliRun.of("download", "acme/x", "a.txt", "--endpoint", "huggingface.co");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(lines(run.err()).get(0)).startsWith("hfhub: ").contains("--endpoint", "has no scheme",
                "https://").doesNotContain("Illegal character");
    }

    @Test
    void aBadFilterOrFormatIsAUsageError() {
        assertThat(CliRun.of("cache", "ls", "--filter", "colour=blue").err()).contains("unknown filter key 'colour'");
        assertThat(CliRun.of("cache", "ls", "--filter", "colour=blue").exit()).isEqualTo(2);
        assertThat(CliRun.of("cache", "ls", "--format", "yaml").exit()).isEqualTo(2);
        assertThat(CliRun.of("cache", "ls", "--sort", "colour").exit()).isEqualTo(2);
    }
}
