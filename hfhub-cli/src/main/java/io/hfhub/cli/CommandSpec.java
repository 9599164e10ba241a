package io.hfhub.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * What one command accepts and says about itself, declared in one place: its words, options, parameters and help
 * text, and how it is made from what was parsed. A command group ({@code hfhub}, {@code cache}, {@code auth}) has
 * subcommands instead of parameters. Parsing is commons-cli's; this class adds what commons-cli has no notion of and
 * hfhub's contract needs: option aliases ({@code --repo-type}/{@code --type}), positional parameters with their
 * counts, subcommands, and the help layout with parameters, commands and examples.
 */
final class CommandSpec {
    /**
     * One option under one or more names ({@code "-q, --quiet"}): a flag when {@code label} is null, otherwise it
     * takes a value; {@code repeatable} ones collect every occurrence, others may be given once.
     */
    record Opt(List<String> names, String label, boolean repeatable, boolean required, String description) {
        static Opt flag(String names, String description) {
            return new Opt(split(names), null, false, false, description);
        }

        static Opt value(String names, String label, String description) {
            return new Opt(split(names), label, false, false, description);
        }

        static Opt repeatable(String names, String label, String description) {
            return new Opt(split(names), label, true, false, description);
        }

        static Opt required(String names, String label, String description) {
            return new Opt(split(names), label, false, true, description);
        }

        private static List<String> split(String names) {
            return List.of(names.split(", "));
        }

        /** The name messages use: the first long one ({@code --repo-type} of {@code --repo-type, --type}). */
        String name() {
            return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(names.get(0));
        }
    }

    /** A positional parameter taking at least {@code min} and at most {@code max} words. */
    record Param(String label, int min, int max, String description) {
        String synopsis() {
            String words = max > 1 ? label + "..." : label;
            return min == 0 ? "[" + words + "]" : words;
        }
    }

    /** Every command's own: help, version and the library's debug log, before or after the command word. */
    static final List<Opt> STANDARD = List.of(
            Opt.flag("-h, --help", "Show this help message and exit."),
            Opt.flag("-V, --version", "Print version information and exit."),
            Opt.flag("--verbose", "Log every request, redirect, retry and cache decision to stderr (also HF_DEBUG=1)."));

    private static final int WIDTH = 80;
    private static final int LEFT = 28;

    final String name;
    final List<String> aliases;
    private final Function<Arguments, ErrorReportingCommand> factory;
    private final List<String> description = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private final List<Opt> options = new ArrayList<>();
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private final List<String> footer = new ArrayList<>();

    private CommandSpec(String name, List<String> aliases, Function<Arguments, ErrorReportingCommand> factory) {
        this.name = name;
        this.aliases = aliases;
        this.factory = factory;
    }

    /** A command that runs: {@code factory} reads its values from the parsed arguments. */
    static CommandSpec command(String name, Function<Arguments, ErrorReportingCommand> factory, String... aliases) {
        return new CommandSpec(name, List.of(aliases), factory);
    }

    /** A command whose first word selects a subcommand. */
    static CommandSpec group(String name) {
        return new CommandSpec(name, List.of(), null);
    }

    CommandSpec describe(String... lines) {
        description.addAll(Arrays.asList(lines));
        return this;
    }

    /** A required parameter of one word. */
    CommandSpec parameter(String label, String text) {
        params.add(new Param(label, 1, 1, text));
        return this;
    }

    /** A parameter of at most one word that may be left out. */
    CommandSpec optionalParameter(String label, String text) {
        params.add(new Param(label, 0, 1, text));
        return this;
    }

    /** The remaining words, at least {@code min} of them. */
    CommandSpec parameters(String label, int min, String text) {
        params.add(new Param(label, min, Integer.MAX_VALUE, text));
        return this;
    }

    CommandSpec flag(String names, String text) {
        return options(List.of(Opt.flag(names, text)));
    }

    CommandSpec option(String names, String label, String text) {
        return options(List.of(Opt.value(names, label, text)));
    }

    CommandSpec repeatable(String names, String label, String text) {
        return options(List.of(Opt.repeatable(names, label, text)));
    }

    /** Options declared elsewhere and shared by several commands ({@link HubOptions#OPTIONS}...). */
    CommandSpec options(List<Opt> shared) {
        options.addAll(shared);
        return this;
    }

    CommandSpec subcommand(CommandSpec sub) {
        subcommands.put(sub.name, sub);
        return this;
    }

    CommandSpec footer(String... lines) {
        footer.add("");
        footer.addAll(Arrays.asList(lines));
        return this;
    }

    boolean isGroup() {
        return factory == null;
    }

    /** The subcommand called {@code word} (its name or an alias), or null. */
    CommandSpec subcommand(String word) {
        for (CommandSpec sub : subcommands.values()) {
            if (sub.name.equals(word) || sub.aliases.contains(word)) {
                return sub;
            }
        }
        return null;
    }

    /** The first line of the description, for a list of commands. */
    String summary() {
        return description.isEmpty() ? "" : description.get(0);
    }

    /** Every word this command understands after its name, for "did you mean": options and subcommands. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        allOptions().forEach(o -> words.addAll(o.names()));
        subcommands.values().forEach(sub -> {
            words.add(sub.name);
            words.addAll(sub.aliases);
        });
        return words;
    }

    private List<Opt> allOptions() {
        List<Opt> all = new ArrayList<>(options);
        all.addAll(STANDARD);
        return all;
    }

    /** Makes the command from its parsed arguments; the values are converted (and may be refused) there. */
    ErrorReportingCommand create(Arguments arguments) {
        return factory.apply(arguments);
    }

    /**
     * Parses the words after the command's name: options anywhere among the parameters, {@code --opt=value} or
     * {@code --opt value}, {@code --} before parameters that start with a dash. Refuses unknown options, a missing
     * value and a single-valued option given twice; the parameters are counted by {@link #checkParameters}, after a
     * {@code --help} has had its chance.
     */
    Arguments parse(String[] words) {
        Options parserOptions = new Options();
        Map<String, Opt> byName = new LinkedHashMap<>();
        for (Opt opt : allOptions()) {
            for (String optName : opt.names()) {
                Option.Builder b = optName.startsWith("--") ? Option.builder().longOpt(optName.substring(2))
                        : Option.builder(optName.substring(1));
                parserOptions.addOption(b.hasArg(opt.label() != null).build());
                byName.put(optName, opt);
            }
        }
        org.apache.commons.cli.CommandLine line;
        try {
            // no partial matching: an abbreviation that works today breaks when a longer option is added
            line = DefaultParser.builder().setAllowPartialMatching(false).setStripLeadingAndTrailingQuotes(false)
                    .build().parse(parserOptions, words, false);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("Unknown option: '" + e.getOption() + "'", e.getOption());
        } catch (MissingArgumentException e) {
            Opt opt = byName.get(nameOf(e.getOption()));
            throw new UsageException("Missing required parameter for option '" + opt.name() + "' (" + opt.label() + ")");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        // by identity: an Opt is one of allOptions(), and a record's own hashCode is bootstrapped through method
        // handles on first use (~20 ms of a cold JVM's start, 2026-11-30)
        Map<Opt, List<String>> values = new IdentityHashMap<>();
        for (Option given : line.getOptions()) {
            Opt opt = byName.get(nameOf(given));
            List<String> list = values.computeIfAbsent(opt, o -> new ArrayList<>());
            if (opt.label() != null) {
                if (!opt.repeatable() && !list.isEmpty()) {
                    throw new UsageException("option '" + opt.name() + "' (" + opt.label()
                            + ") should be specified only once");
                }
                list.add(given.getValue());
            }
        }
        return new Arguments(byName, values, line.getArgList());
    }

    private static String nameOf(Option option) {
        return option.getLongOpt() != null ? "--" + option.getLongOpt() : "-" + option.getOpt();
    }

    /** Refuses missing parameters, extra words and missing required options. */
    void checkParameters(Arguments arguments) {
        List<String> words = arguments.parameters();
        int i = 0;
        for (Param param : params) {
            int taken = Math.min(param.max(), words.size() - i);
            if (taken < param.min()) {
                throw new UsageException("Missing required parameter: '" + param.label() + "'");
            }
            i += taken;
        }
        if (i < words.size()) {
            throw new UsageException("Unmatched argument: '" + words.get(i) + "'", words.get(i));
        }
        for (Opt opt : options) {
            if (opt.required() && !arguments.has(opt.name())) {
                throw new UsageException("Missing required option: '" + opt.name() + "=" + opt.label() + "'");
            }
        }
    }

    /** The {@code --help} text: usage line, description, parameters, commands, options, then examples. */
    String help(String path) {
        StringBuilder b = new StringBuilder("Usage: ").append(path).append(" [OPTIONS]");
        if (isGroup()) {
            b.append(" COMMAND");
        }
        params.forEach(p -> b.append(' ').append(p.synopsis()));
        b.append('\n');
        description.forEach(line -> wrap(b, line, 0));
        if (!params.isEmpty()) {
            b.append("\nParameters:\n");
            params.forEach(p -> row(b, "  " + p.label(), p.description()));
        }
        if (!subcommands.isEmpty()) {
            b.append("\nCommands:\n");
            subcommands.values().forEach(sub -> row(b, "  " + String.join(", ", withAliases(sub)), sub.summary()));
        }
        b.append("\nOptions:\n");
        for (Opt opt : allOptions()) {
            String names = String.join(", ", opt.names());
            String left = (opt.names().get(0).startsWith("--") ? "      " : "  ") + names
                    + (opt.label() == null ? "" : " " + opt.label());
            row(b, left, opt.description());
        }
        footer.forEach(line -> b.append(line).append('\n'));
        return b.toString();
    }

    private static List<String> withAliases(CommandSpec sub) {
        List<String> names = new ArrayList<>();
        names.add(sub.name);
        names.addAll(sub.aliases);
        return names;
    }

    /** A two-column row: the left part, then the text wrapped in the right column (below when the left is wide). */
    private static void row(StringBuilder b, String left, String text) {
        b.append(left);
        if (left.length() > LEFT - 2) {
            b.append('\n').append(" ".repeat(LEFT));
        } else {
            b.append(" ".repeat(LEFT - left.length()));
        }
        wrap(b, text, LEFT);
    }

    /** Appends {@code text} wrapped at {@link #WIDTH} columns, continuation lines indented by {@code indent}. */
    private static void wrap(StringBuilder b, String text, int indent) {
        int column = indent;
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && column + 1 + word.length() > WIDTH) {
                b.append('\n').append(" ".repeat(indent));
                column = indent;
                first = true;
            }
            if (!first) {
                b.append(' ');
                column++;
            }
            b.append(word);
            column += word.length();
            first = false;
        }
        b.append('\n');
    }

    /**
     * A command group run without its subcommand ({@code hfhub}, {@code hfhub cache}): the subcommands in one line
     * each, then where to read more.
     */
    String shortUsage(String path) {
        StringBuilder b = new StringBuilder("Usage: ").append(path).append(" COMMAND [ARGS]...\n");
        subcommands.values().forEach(sub -> b.append(String.format("  %-9s %s%n", sub.name, sub.summary())));
        return b.append("Try '").append(path).append(" --help' for more.\n").toString();
    }
}
