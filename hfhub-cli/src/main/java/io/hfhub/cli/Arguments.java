package io.hfhub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A command's parsed arguments, read by option name ({@code "--revision"}; any alias works) and parameter index.
 * A value is converted as it is read; a conversion that fails ({@link IllegalArgumentException}, the converters'
 * only failure) is a {@link UsageException} naming the option.
 */
final class Arguments {
    private final Map<String, CommandSpec.Opt> byName;
    private final Map<CommandSpec.Opt, List<String>> values;
    private final List<String> parameters;

    Arguments(Map<String, CommandSpec.Opt> byName, Map<CommandSpec.Opt, List<String>> values, List<String> parameters) {
        this.byName = byName;
        this.values = values;
        this.parameters = List.copyOf(parameters);
    }

    private CommandSpec.Opt opt(String name) {
        CommandSpec.Opt opt = byName.get(name);
        if (opt == null) { // a command reading an option it did not declare: a bug, never the user's doing
            throw new IllegalStateException("undeclared option " + name);
        }
        return opt;
    }

    /** Whether the option was given. */
    boolean has(String name) {
        return values.containsKey(opt(name));
    }

    /** The option's value, or null when it was not given. */
    String value(String name) {
        List<String> given = values(name);
        return given.isEmpty() ? null : given.get(0);
    }

    /** The option's value converted, or {@code absent} when it was not given. */
    <T> T value(String name, Function<String, T> converter, T absent) {
        String value = value(name);
        return value == null ? absent : convert(opt(name), value, converter);
    }

    /** Every value of a repeatable option, in order (a new, mutable list). */
    List<String> values(String name) {
        return new ArrayList<>(values.getOrDefault(opt(name), List.of()));
    }

    /** Every value of a repeatable option, converted. */
    <T> List<T> values(String name, Function<String, T> converter) {
        CommandSpec.Opt opt = opt(name);
        List<T> converted = new ArrayList<>();
        for (String value : values(name)) {
            converted.add(convert(opt, value, converter));
        }
        return converted;
    }

    private static <T> T convert(CommandSpec.Opt opt, String value, Function<String, T> converter) {
        try {
            return converter.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + opt.name() + "' (" + opt.label() + "): "
                    + e.getMessage());
        }
    }

    /** The words that are not options, in order. */
    List<String> parameters() {
        return parameters;
    }

    /** The parameter at {@code index}, or null when there are fewer. */
    String parameter(int index) {
        return index < parameters.size() ? parameters.get(index) : null;
    }

    /** The parameter at {@code index} converted, or null when there are fewer. */
    <T> T parameter(int index, String label, Function<String, T> converter) {
        String value = parameter(index);
        if (value == null) {
            return null;
        }
        try {
            return converter.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for positional parameter at index " + index + " (" + label + "): "
                    + e.getMessage());
        }
    }

    /** The parameters from {@code index} on (a new, mutable list). */
    List<String> parametersFrom(int index) {
        return new ArrayList<>(parameters.subList(Math.min(index, parameters.size()), parameters.size()));
    }

    /** A whole number: {@code 8}, not {@code 8.0} nor {@code eight}. */
    static int integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    /** A whole number that may be large ({@code --header-timeout} seconds). */
    static long longInteger(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    /** A number such as {@code 1000} or {@code 2.5}. */
    static double decimal(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }
}
