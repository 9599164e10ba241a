package io.hfhub;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as Maven stamped it into {@code version.properties}. */
public final class HfHubVersion {
    /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unpackaged classes. */
    public static final String VERSION = load();

    private HfHubVersion() {}

    private static String load() {
        try (InputStream in = HfHubVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
