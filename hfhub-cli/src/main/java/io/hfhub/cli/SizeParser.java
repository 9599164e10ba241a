package io.hfhub.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Sizes like curl's {@code --limit-rate}: a number with an optional K, M or G suffix, 1024-based. */
final class SizeParser implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        long unit = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'K' -> unit = 1024L;
                case 'M' -> unit = 1024L * 1024;
                case 'G' -> unit = 1024L * 1024 * 1024;
                case 'T' -> unit = 1024L * 1024 * 1024 * 1024;
                default -> unit = 1;
            }
            if (unit > 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            double number = Double.parseDouble(v);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return (long) (number * unit);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size (examples: 500K, 10M, 1G)");
        }
    }
}
