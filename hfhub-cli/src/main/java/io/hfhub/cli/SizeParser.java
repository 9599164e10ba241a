package io.hfhub.cli;

import io.hfhub.ByteSize;
import picocli.CommandLine;

/** Sizes on the command line ({@code --limit-rate 10M}, {@code --max-bytes 2G}), parsed by {@link ByteSize}. */
final class SizeParser implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
