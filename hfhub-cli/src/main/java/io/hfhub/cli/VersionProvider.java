package io.hfhub.cli;

import io.hfhub.HfHubVersion;
import picocli.CommandLine;

/** Supplies {@code hfhub --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hfhub " + HfHubVersion.VERSION + " (java " + Runtime.version() + ")"};
    }
}
