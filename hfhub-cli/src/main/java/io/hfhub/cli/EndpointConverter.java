package io.hfhub.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --endpoint}: an {@code http://} or {@code https://} URL with a host. Without a scheme, Java's own
 * message ("Illegal character in scheme name at index 0") would say nothing useful.
 */
final class EndpointConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new CommandLine.TypeConversionException(problem);
        }
        return value;
    }

    /** Fails with a clear message when {@code HF_ENDPOINT} is set to something that is not an http(s) URL. */
    static void checkEnvironment() {
        String value = System.getenv("HF_ENDPOINT");
        String problem = value == null || value.isEmpty() ? null : problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("HF_ENDPOINT: " + problem);
        }
    }

    /** What is wrong with {@code value} as an endpoint, or null when nothing is. */
    static String problem(String value) {
        // the value itself is not repeated: it may carry a password (http://user:pass@host)
        String shown = "the URL";
        if (!value.contains("://")) {
            return shown + " has no scheme: write https://HOST (or http://HOST:PORT for a local mirror)";
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return shown + " is not an http:// or https:// URL";
            }
            if (uri.getHost() == null) {
                return shown + " has no host name";
            }
            return null;
        } catch (URISyntaxException e) {
            return shown + " is not a URL (" + e.getReason() + ")";
        }
    }
}
