package io.hfhub.cli;

import io.hfhub.HfHub;
import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.SafeText;
import io.hfhub.SnapshotRequest;
import io.hfhub.cache.CacheVerifier;
import io.hfhub.cache.RepoFilter;
import io.hfhub.cache.RevisionVerifier;
import io.hfhub.cache.VerifyProblem;
import io.hfhub.cache.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hfhub cache verify}: two checks. Without {@code --revision} / {@code --local-dir} / {@code --fail-on-*}:
 * every blob of the cache (or of REPO_ID) re-hashed against its name, every link and ref checked, offline. With
 * them, {@code hf cache verify}'s check: one revision's files (in the cache or a local folder) hashed against the
 * Hub's listing of that revision, missing and extra files reported. Exit 1 when anything is wrong.
 */
final class CacheVerifyCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("verify", CacheVerifyCommand::new)
            .describe("Check the cache: re-hash every blob against its name, check every snapshot link, every ref"
                            + " and every extracted archive against the files recorded when it was extracted.",
                    "Lists the leftovers of interrupted commands (removed by `hfhub cache prune`).",
                    "With --revision, --local-dir or --fail-on-*: check one revision's files against"
                            + " the Hub's listing of it, as hf cache verify does.",
                    "Exits with 1 when a problem is found, 0 otherwise (leftovers are not problems). Nothing is"
                            + " changed.")
            .options(CacheDirOption.OPTIONS)
            .options(OutputFormat.OPTIONS)
            .optionalParameter("REPO_ID", "Only this repository (default: all).")
            .option("--repo-type, --type", "TYPE", "model (default), dataset or space.")
            .option("--revision", "REV", "Check this revision against the Hub's listing.")
            .option("--local-dir", "DIR", "Check the files in DIR instead of the cache.")
            .flag("--fail-on-missing-files", "Fail when files of the revision are missing locally.")
            .flag("--fail-on-extra-files", "Fail when local files are not in the revision.")
            .option("--token", "TOKEN", "Access token for the listing (default: HF_TOKEN, else the token file).")
            .option("--endpoint", "URL",
                    "Hub endpoint for the listing (default: HF_ENDPOINT, else https://huggingface.co).")
            .flag("--offline", "Use only the listing cached in trees/ (also HF_HUB_OFFLINE=1).")
            .flag("-q, --quiet", "Print only the problems, no summary.")
            .footer("Examples:",
                    "  hfhub cache verify",
                    "  hfhub cache verify acme/tiny-model",
                    "  hfhub cache verify acme/tiny-model --revision refs/pr/1 --fail-on-missing-files",
                    "  hfhub cache verify acme/corpus --type dataset --local-dir ./corpus --fail-on-extra-files --json");

    private final CacheDirOption cache;
    private final OutputFormat output;
    private final String repoId;
    private final RepoType repoType;
    private final String revision;
    private final Path localDir;
    private final boolean failOnMissing;
    private final boolean failOnExtra;
    private final String token;
    private final String endpoint;
    private final boolean offline;
    private final boolean quiet;

    CacheVerifyCommand(Arguments args) {
        cache = new CacheDirOption(args);
        output = new OutputFormat(args);
        repoId = args.parameter(0);
        repoType = args.value("--repo-type", RepoType::parse, null);
        revision = args.value("--revision", RevisionConverter::convert, null);
        localDir = args.value("--local-dir", FolderConverter::convert, null);
        failOnMissing = args.has("--fail-on-missing-files");
        failOnExtra = args.has("--fail-on-extra-files");
        token = args.value("--token");
        endpoint = args.value("--endpoint", EndpointConverter::convert, null);
        offline = args.has("--offline");
        quiet = args.has("--quiet");
        if (repoId == null && (revision != null || localDir != null || failOnMissing || failOnExtra)) {
            throw new UsageException("--revision, --local-dir and --fail-on-* check one repository: give its REPO_ID");
        }
    }

    @Override
    protected int execute() throws Exception {
        if (revision != null || localDir != null || failOnMissing || failOnExtra) {
            return verifyRevision();
        }
        Optional<RepoFilter> filter = Optional.empty();
        if (repoId != null) {
            RepoArg arg = RepoArg.parse(repoId, true);
            filter = Optional.of(new RepoFilter(arg.type(repoType), RepoId.of(arg.id())));
        }
        VerifyReport report = CacheVerifier.verify(cache.cacheDir(), filter);
        if (output.isJson()) {
            OutputFormat.print(out(), toJson(report));
        } else {
            for (VerifyProblem p : report.problems()) {
                out().println(SafeText.escape(String.format("BAD %s %s %s %s: %s", p.repoType().id(), p.repoId(),
                        p.revision() == null ? "-" : p.revision(), p.fileName() == null ? p.path() : p.fileName(),
                        p.reason())));
            }
            for (java.nio.file.Path leftover : report.leftovers()) {
                out().println("LEFTOVER " + SafeText.escape(leftover.toString())
                        + ": left by an interrupted command; `hfhub cache prune` removes it");
            }
            if (!quiet && output.isHuman()) {
                out().printf("Checked %d repo(s): %d blob(s) hashed, %d link(s) checked%s. %s%n",
                        report.reposChecked(), report.blobsHashed(), report.filesChecked(),
                        report.filesUnchecked() == 0 ? "" : ", " + report.filesUnchecked()
                                + " plain file(s) not checkable",
                        report.ok() ? "No problems found."
                                : report.problems().size() + " problem(s) found: delete the affected revisions"
                                        + " with `hfhub cache rm` and download them again.");
            }
        }
        out().flush();
        return report.ok() ? 0 : 1;
    }

    /** hf's check: one revision, in the cache or a local folder, against the Hub's listing. */
    private int verifyRevision() {
        RepoArg arg = RepoArg.parse(repoId, true);
        RepoType type = arg.type(repoType);
        String rev = arg.revision(revision);
        HfHub.Builder builder = HfHub.builder().cacheDir(cache.cacheDir());
        if (token != null) {
            builder.token(token);
        }
        if (endpoint != null) {
            builder.endpoint(endpoint);
        } else {
            EndpointConverter.checkEnvironment();
        }
        if (offline) {
            builder.offline(true);
        }
        RevisionVerifier.Report report;
        try (HfHub hub = builder.build()) {
            report = hub.verifyRevision(SnapshotRequest.builder(arg.id()).repoType(type).revision(rev)
                    .localDir(localDir).build());
        }
        Path folder = report.folder();
        boolean failed = !report.mismatches().isEmpty() || (failOnMissing && !report.missingPaths().isEmpty())
                || (failOnExtra && !report.extraPaths().isEmpty());
        if (output.isJson()) {
            Map<String, Object> json = OutputFormat.object("repo_id", arg.id(), "repo_type", type.id(),
                    "revision", report.commit(), "checked", report.checked(), "path", folder.toString(),
                    "ok", !failed);
            List<Object> mismatches = new ArrayList<>();
            report.mismatches().forEach(m -> mismatches.add(OutputFormat.object("path", m.path(),
                    "expected", m.expected(), "actual", m.actual(), "algorithm", m.algorithm())));
            json.put("mismatches", mismatches);
            json.put("missing_paths", report.missingPaths());
            json.put("extra_paths", report.extraPaths());
            OutputFormat.print(out(), json);
            return failed ? 1 : 0;
        }
        report.mismatches().forEach(m -> out().printf("BAD %s: expected %s (%s), got %s%n", m.path(), m.expected(),
                m.algorithm(), m.actual()));
        listProblem("MISSING", report.missingPaths(), failOnMissing, "remote file(s) are missing locally",
                "--fail-on-missing-files");
        listProblem("EXTRA", report.extraPaths(), failOnExtra, "local file(s) are not in the revision",
                "--fail-on-extra-files");
        if (failed) {
            return fail("verification failed for " + type.id() + " '" + arg.id() + "' at " + report.commit() + " in "
                    + folder);
        }
        if (!quiet && output.isHuman()) {
            out().printf("Verified %d file(s) of %s '%s' at %s in %s. All checksums match.%n", report.checked(),
                    type.id(), arg.id(), report.commit(), folder);
        }
        out().flush();
        return 0;
    }

    private void listProblem(String tag, List<String> paths, boolean fails, String words, String flag) {
        if (paths.isEmpty()) {
            return;
        }
        if (fails) {
            paths.forEach(p -> out().println(tag + " " + Terminal.printable(p)));
        } else if (!output.isQuiet()) {
            err().printf("Warning: %d %s; use %s for details.%n", paths.size(), words, flag);
        }
        out().flush();
        err().flush();
    }

    private static Map<String, Object> toJson(VerifyReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", report.ok());
        json.put("repos_checked", report.reposChecked());
        json.put("blobs_hashed", report.blobsHashed());
        json.put("files_checked", report.filesChecked());
        json.put("files_unchecked", report.filesUnchecked());
        List<Object> problems = new ArrayList<>();
        for (VerifyProblem p : report.problems()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("repo_type", p.repoType().id());
            problem.put("repo_id", p.repoId());
            problem.put("revision", p.revision());
            problem.put("file_name", p.fileName());
            problem.put("path", p.path().toString());
            problem.put("reason", p.reason());
            problems.add(problem);
        }
        json.put("problems", problems);
        json.put("leftovers", report.leftovers().stream().map(Object::toString).toList());
        return json;
    }
}
