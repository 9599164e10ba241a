package io.hfhub.cli;

import io.hfhub.RepoType;
import picocli.CommandLine;

/** {@code model}, {@code dataset}, {@code space} (plural forms too) for {@code --repo-type}. */
final class RepoTypeConverter implements CommandLine.ITypeConverter<RepoType> {
    @Override
    public RepoType convert(String value) {
        try {
            return RepoType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
