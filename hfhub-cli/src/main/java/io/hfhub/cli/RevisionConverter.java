package io.hfhub.cli;

import io.hfhub.store.Revision;
import picocli.CommandLine;

/**
 * {@code --revision}: parsed by the library's one rule ({@link Revision}) where it enters, so {@code ../x} is a
 * usage error (exit 2) before any request, like every other malformed argument.
 */
final class RevisionConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            return Revision.of(value).value();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
