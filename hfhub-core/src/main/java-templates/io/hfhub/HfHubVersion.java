package io.hfhub;

/**
 * The library's version. Maven writes it into this source at build time (the templating plugin filters
 * {@code src/main/java-templates}), so reading it costs no resource look-up at run time: a resource read boots the
 * JDK's jar-URL machinery, about 11 ms of a short CLI run.
 */
public final class HfHubVersion {
    /** For example {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = stamped();

    private HfHubVersion() {}

    // Through a method, so that VERSION is no compile-time constant: javac would copy a constant into every
    // class that reads it, and an application compiled against one release would report that release's
    // version while running another's jar.
    private static String stamped() {
        return "${project.version}";
    }
}
