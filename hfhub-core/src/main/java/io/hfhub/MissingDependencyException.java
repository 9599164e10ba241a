package io.hfhub;

import java.util.Objects;

/**
 * An archive format needs a library that is not on the class path. hfhub-core declares its extraction
 * libraries optional, so that an application that never extracts does not carry them (the zstd natives
 * alone are 6.5 MB); an application that extracts adds the ones its formats need, named by
 * {@link #artifact()} as Maven's {@code groupId:artifactId}. Nothing was extracted.
 */
public class MissingDependencyException extends HfHubException {
    /** The missing library, {@code groupId:artifactId}. */
    private final String artifact;

    /**
     * Creates the exception.
     *
     * @param artifact the missing library as {@code groupId:artifactId}, for example {@code org.tukaani:xz}
     * @param message  what needed it and what to add
     */
    public MissingDependencyException(String artifact, String message) {
        super(message);
        this.artifact = Objects.requireNonNull(artifact, "artifact");
    }

    /**
     * The missing library.
     *
     * @return its Maven coordinates without the version, {@code groupId:artifactId}
     */
    public String artifact() {
        return artifact;
    }
}
