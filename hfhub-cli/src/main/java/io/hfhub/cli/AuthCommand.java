package io.hfhub.cli;

import io.hfhub.HfHub;
import io.hfhub.TokenStore;
import io.hfhub.WhoAmI;
import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hfhub auth}: {@code hf auth}'s commands on the same files ({@code $HF_HOME/token} and
 * {@code stored_tokens}), so a login with either tool serves both. Tokens are never printed, only masked.
 */
final class AuthCommand {
    static final CommandSpec SPEC = CommandSpec.group("auth")
            .describe("Log in and out, and see who you are (the same token files as the Python client).")
            .subcommand(Login.SPEC)
            .subcommand(Logout.SPEC)
            .subcommand(Whoami.SPEC)
            .subcommand(ListTokens.SPEC)
            .subcommand(Switch.SPEC)
            .footer("Examples:",
                    "  hfhub auth login --token \"$HF_TOKEN\"",
                    "  hfhub auth whoami",
                    "  hfhub auth list",
                    "  hfhub auth switch --token-name work",
                    "  hfhub auth logout --token-name work");

    private AuthCommand() {
    }

    private static TokenStore store() {
        return TokenStore.fromEnvironment();
    }

    /** Where the Hub is, for the commands that ask it. */
    static final class EndpointOption {
        static final List<CommandSpec.Opt> OPTIONS = List.of(CommandSpec.Opt.value("--endpoint", "URL",
                "Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co)."));

        private final String endpoint;

        EndpointOption(Arguments args) {
            endpoint = args.value("--endpoint", EndpointConverter::convert, null);
        }

        HfHub.Builder builder() {
            HfHub.Builder b = HfHub.builder();
            if (endpoint != null) {
                b.endpoint(endpoint);
            } else {
                EndpointConverter.checkEnvironment();
            }
            return b;
        }
    }

    static final class Login extends ErrorReportingCommand {
        static final CommandSpec SPEC = CommandSpec.command("login", Login::new)
                .describe("Check a token with the Hub, save it under its name and make it the active token.")
                .option("--token", "TOKEN", "The token (default: asked on the terminal, not echoed).")
                .flag("--force", "Log in even if a token is already active.")
                .options(EndpointOption.OPTIONS)
                .options(OutputFormat.OPTIONS);

        private final String token;
        private final boolean force;
        private final EndpointOption hub;
        private final OutputFormat output;

        Login(Arguments args) {
            token = args.value("--token");
            force = args.has("--force");
            hub = new EndpointOption(args);
            output = new OutputFormat(args);
        }

        @Override
        protected int execute() throws Exception {
            TokenStore store = store();
            if (token == null && !force && store.activeToken().isPresent()) {
                return done("Already logged in; use --force to log in again.", OutputFormat.object("logged_in", true));
            }
            String secret = token != null ? token : ask();
            if (secret == null) {
                return fail("no token: pass --token TOKEN (or run on a terminal to be asked for it)");
            }
            if (secret.startsWith("api_org")) {
                return fail("that is an organization token: log in with a personal access token");
            }
            WhoAmI who;
            try (HfHub client = hub.builder().token(secret).build()) {
                who = client.whoami();
            }
            String name = who.tokenName() != null ? who.tokenName() : "oauth-" + who.name();
            store.login(name, secret);
            return done("Login successful: logged in as " + Terminal.printable(who.name()) + " (token saved as '"
                    + Terminal.printable(name) + "' in " + store.storedTokensFile() + ", active)",
                    OutputFormat.object("user", who.name(), "token_name", name));
        }

        private String ask() {
            Console console = System.console();
            if (console == null || !output.isHuman()) {
                return null;
            }
            char[] typed = console.readPassword("Token (input hidden): ");
            String entered = typed == null ? "" : new String(typed).strip();
            return entered.isEmpty() ? null : entered;
        }

        private int done(String sentence, Map<String, Object> json) {
            output.result(out(), sentence, json);
            return 0;
        }
    }

    static final class Logout extends ErrorReportingCommand {
        static final CommandSpec SPEC = CommandSpec.command("logout", Logout::new)
                .describe("Forget one saved token, or all of them (both token files) without --token-name.")
                .option("--token-name", "NAME", "The saved token to forget.")
                .options(OutputFormat.OPTIONS);

        private final String tokenName;
        private final OutputFormat output;

        Logout(Arguments args) {
            tokenName = args.value("--token-name");
            output = new OutputFormat(args);
        }

        @Override
        protected int execute() throws Exception {
            TokenStore store = store();
            if (tokenName == null) {
                store.logoutAll();
                output.result(out(), "Logged out: every saved token and the active one are gone.",
                        OutputFormat.object("logged_out", "all"));
            } else if (store.logout(tokenName)) {
                output.result(out(), "Logged out from '" + Terminal.printable(tokenName) + "'.",
                        OutputFormat.object("logged_out", tokenName));
            } else {
                return fail("no saved token named '" + Terminal.printable(tokenName) + "' (see `hfhub auth list`)");
            }
            if (System.getenv("HF_TOKEN") != null) {
                err().println("Warning: HF_TOKEN is set and still logs you in; unset it to log out completely.");
                err().flush();
            }
            return 0;
        }
    }

    static final class Whoami extends ErrorReportingCommand {
        static final CommandSpec SPEC = CommandSpec.command("whoami", Whoami::new)
                .describe("Show the account of the active token (HF_TOKEN, else the token file).")
                .option("--token", "TOKEN", "Ask about this token instead.")
                .options(EndpointOption.OPTIONS)
                .options(OutputFormat.OPTIONS);

        private final String token;
        private final EndpointOption hub;
        private final OutputFormat output;

        Whoami(Arguments args) {
            token = args.value("--token");
            hub = new EndpointOption(args);
            output = new OutputFormat(args);
        }

        @Override
        protected int execute() {
            HfHub.Builder builder = hub.builder();
            if (token != null) {
                builder.token(token);
            }
            WhoAmI who;
            String endpoint;
            try (HfHub client = builder.build()) {
                who = client.whoami();
                endpoint = client.endpoint();
            }
            String orgs = String.join(",", who.orgs());
            switch (output.kind()) {
                case JSON -> OutputFormat.print(out(), OutputFormat.object("user", who.name(), "orgs", who.orgs(),
                        "endpoint", endpoint, "token_name", who.tokenName(), "role", who.role()));
                case QUIET -> out().println(who.name());
                default -> {
                    out().println("Logged in");
                    out().println("  user: " + Terminal.printable(who.name()));
                    if (!orgs.isEmpty()) {
                        out().println("  orgs: " + Terminal.printable(orgs));
                    }
                    if (!endpoint.equals("https://huggingface.co")) {
                        out().println("  endpoint: " + endpoint);
                    }
                }
            }
            out().flush();
            return 0;
        }
    }

    static final class ListTokens extends ErrorReportingCommand {
        static final CommandSpec SPEC = CommandSpec.command("list", ListTokens::new, "ls")
                .describe("List the saved tokens (masked); * marks the active one.")
                .options(OutputFormat.OPTIONS);

        private final OutputFormat output;

        ListTokens(Arguments args) {
            output = new OutputFormat(args);
        }

        @Override
        protected int execute() throws Exception {
            TokenStore store = store();
            String active = store.activeToken().orElse(null);
            Map<String, String> tokens = store.storedTokens();
            List<Object> rows = new ArrayList<>();
            TextTable table = new TextTable(" ", "NAME", "TOKEN");
            tokens.forEach((name, token) -> {
                boolean isActive = token.equals(active);
                rows.add(OutputFormat.object("name", name, "token", TokenStore.mask(token), "active", isActive));
                table.row(isActive ? "*" : "", Terminal.printable(name), TokenStore.mask(token));
            });
            switch (output.kind()) {
                case JSON -> OutputFormat.print(out(), rows);
                case QUIET -> tokens.keySet().forEach(out()::println);
                default -> out().print(tokens.isEmpty() ? "No access tokens found.\n" : table.render());
            }
            out().flush();
            if (System.getenv("HF_TOKEN") != null && !output.isQuiet()) {
                err().println("Note: HF_TOKEN is set and is the active token, whatever the files say.");
                err().flush();
            }
            return 0;
        }
    }

    static final class Switch extends ErrorReportingCommand {
        static final CommandSpec SPEC = CommandSpec.command("switch", Switch::new)
                .describe("Make a saved token the active one.")
                .options(List.of(CommandSpec.Opt.required("--token-name", "NAME", "The saved token to use.")))
                .options(OutputFormat.OPTIONS);

        private final String tokenName;
        private final OutputFormat output;

        Switch(Arguments args) {
            tokenName = args.value("--token-name");
            output = new OutputFormat(args);
        }

        @Override
        protected int execute() throws Exception {
            if (!store().switchTo(tokenName)) {
                return fail("no saved token named '" + Terminal.printable(tokenName) + "' (see `hfhub auth list`)");
            }
            output.result(out(), "The active token is now '" + Terminal.printable(tokenName) + "'.",
                    OutputFormat.object("active", tokenName));
            return 0;
        }
    }

}
