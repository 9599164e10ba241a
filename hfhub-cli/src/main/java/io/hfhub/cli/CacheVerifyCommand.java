package io.hfhub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.cache.CacheVerifier;
import io.hfhub.cache.RepoFilter;
import io.hfhub.cache.VerifyProblem;
import io.hfhub.cache.VerifyReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hfhub cache verify}: re-hashes blobs and checks links and refs; exit 1 when anything is wrong. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the cache: re-hash every blob against its name, check every snapshot link, every ref"
                + " and every extracted archive against the files recorded when it was extracted.",
                "Lists the leftovers of interrupted commands (removed by `hfhub cache prune`).",
                "Exits with 1 when a problem is found, 0 otherwise (leftovers are not problems). Nothing is changed."},
        footer = {"", "Examples:",
                "  hfhub cache verify",
                "  hfhub cache verify acme/tiny-model",
                "  hfhub cache verify acme/corpus --repo-type dataset --json"})
final class CacheVerifyCommand extends ErrorReportingCommand {
    @Mixin
    CacheDirOption cache;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO_ID",
            description = "Only this repository (default: all).")
    String repoId;

    @Option(names = "--repo-type", paramLabel = "TYPE", converter = RepoTypeConverter.class,
            description = "model (default), dataset or space.")
    RepoType repoType = RepoType.MODEL;

    @Option(names = "--json", description = "Print the report as one JSON document.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print only the problems, no summary.")
    boolean quiet;

    @Override
    protected int execute() throws Exception {
        Optional<RepoFilter> filter = repoId == null ? Optional.empty()
                : Optional.of(new RepoFilter(repoType, RepoId.of(repoId)));
        VerifyReport report = CacheVerifier.verify(cache.cacheDir(), filter);
        if (json) {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(report)));
        } else {
            for (VerifyProblem p : report.problems()) {
                out().printf("BAD %s %s %s %s: %s%n", p.repoType().id(), p.repoId(),
                        p.revision() == null ? "-" : p.revision(), p.fileName() == null ? p.path() : p.fileName(),
                        p.reason());
            }
            for (java.nio.file.Path leftover : report.leftovers()) {
                out().printf("LEFTOVER %s: left by an interrupted command; `hfhub cache prune` removes it%n", leftover);
            }
            if (!quiet) {
                out().printf("Checked %d repo(s): %d blob(s) hashed, %d link(s) checked%s. %s%n",
                        report.reposChecked(), report.blobsHashed(), report.filesChecked(),
                        report.filesUnchecked() == 0 ? "" : ", " + report.filesUnchecked()
                                + " plain file(s) not checkable",
                        report.ok() ? "No problems found."
                                : report.problems().size() + " problem(s) found: delete the affected revisions"
                                        + " with `hfhub cache delete` and download them again.");
            }
        }
        out().flush();
        return report.ok() ? 0 : 1;
    }

    private static Map<String, Object> toJson(VerifyReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", report.ok());
        json.put("reposChecked", report.reposChecked());
        json.put("blobsHashed", report.blobsHashed());
        json.put("filesChecked", report.filesChecked());
        json.put("filesUnchecked", report.filesUnchecked());
        List<Object> problems = new ArrayList<>();
        for (VerifyProblem p : report.problems()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("repoType", p.repoType().id());
            problem.put("repoId", p.repoId());
            problem.put("revision", p.revision());
            problem.put("fileName", p.fileName());
            problem.put("path", p.path().toString());
            problem.put("reason", p.reason());
            problems.add(problem);
        }
        json.put("problems", problems);
        json.put("leftovers", report.leftovers().stream().map(Object::toString).toList());
        return json;
    }
}
