package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.MissingDependencyException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The optional libraries extraction uses, which formats need which, and whether each is on the class path.
 * hfhub-core declares them optional (a user who never extracts does not pull them), so every extraction
 * first checks its format's libraries here and fails with {@link MissingDependencyException} naming the
 * missing jar, instead of a {@link NoClassDefFoundError} from deep inside a decoder. Classes that touch a
 * library's types directly ({@link CompressDecoders}, the tar and zip readers) are reached only after that check.
 */
enum ExtractionLibrary {
    COMMONS_COMPRESS("org.apache.commons", "commons-compress", "org.apache.commons.compress.archivers.tar.TarArchiveInputStream"),
    XZ("org.tukaani", "xz", "org.tukaani.xz.XZInputStream"),
    ZSTD_JNI("com.github.luben", "zstd-jni", "com.github.luben.zstd.ZstdInputStream");

    private final String groupId;
    private final String artifactId;
    /** A class only this library has: its presence is the probe. */
    private final String probeClass;

    ExtractionLibrary(String groupId, String artifactId, String probeClass) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.probeClass = probeClass;
    }

    /** {@code groupId:artifactId}, as a Maven or Gradle build names it. */
    String coordinates() {
        return groupId + ":" + artifactId;
    }

    String probeClass() {
        return probeClass;
    }

    /**
     * What extracting {@code format} loads: Commons Compress reads tar and zip and decodes bzip2, xz and zstd
     * (the last two through xz and zstd-jni); a single gzip file needs only the JDK.
     */
    static Set<ExtractionLibrary> requiredFor(ArchiveFormat format) {
        return switch (format) {
            case NONE, GZ -> EnumSet.noneOf(ExtractionLibrary.class);
            case ZIP, TAR, TAR_GZ, TAR_BZ2, BZ2 -> EnumSet.of(COMMONS_COMPRESS);
            case TAR_XZ, XZ -> EnumSet.of(COMMONS_COMPRESS, XZ);
            case TAR_ZST, ZST -> EnumSet.of(COMMONS_COMPRESS, ZSTD_JNI);
        };
    }

    /** What decoding {@code compression} loads. */
    static Set<ExtractionLibrary> requiredFor(Compression compression) {
        return switch (compression) {
            case NONE, GZIP -> EnumSet.noneOf(ExtractionLibrary.class);
            case BZIP2 -> EnumSet.of(COMMONS_COMPRESS);
            case XZ -> EnumSet.of(COMMONS_COMPRESS, XZ);
            case ZSTD -> EnumSet.of(COMMONS_COMPRESS, ZSTD_JNI);
        };
    }

    /**
     * The first of {@code required} whose probe class {@code present} denies, in declaration order (Commons
     * Compress first: without it nothing else helps); null when all are there.
     */
    static ExtractionLibrary firstMissing(Set<ExtractionLibrary> required, Predicate<String> present) {
        for (ExtractionLibrary library : required) {
            if (!present.test(library.probeClass)) {
                return library;
            }
        }
        return null;
    }

    /**
     * Throws {@link MissingDependencyException} when one of {@code required} is not on hfhub's class path.
     *
     * @param what what needs the libraries, for the message ("extracting data.tar.xz")
     */
    static void require(Set<ExtractionLibrary> required, String what) {
        ExtractionLibrary missing = firstMissing(required, ExtractionLibrary::onClassPath);
        if (missing != null) {
            throw new MissingDependencyException(missing.coordinates(), what + " needs " + missing.coordinates()
                    + ", which is not on the class path: hfhub-core declares its extraction libraries optional, so "
                    + "add the dependency " + missing.coordinates() + " to your build (see hfhub's README, Dependencies).");
        }
    }

    private static boolean onClassPath(String className) {
        try {
            // Not initialised: the probe must not run a library's static set-up (zstd-jni loads natives).
            Class.forName(className, false, ExtractionLibrary.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
