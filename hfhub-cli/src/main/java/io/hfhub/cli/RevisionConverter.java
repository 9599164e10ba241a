package io.hfhub.cli;

import io.hfhub.SnapshotRequest;
import picocli.CommandLine;

/**
 * {@code --revision}: parsed by the library's one rule (the request builders check a revision where it enters),
 * so {@code ../x} is a usage error (exit 2) before any request, like every other malformed argument.
 */
final class RevisionConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (value.isEmpty()) { // the builders read an empty revision as main; on the command line it is a slip
            throw new CommandLine.TypeConversionException("invalid revision '': empty");
        }
        try {
            SnapshotRequest.builder("any/repo").revision(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
