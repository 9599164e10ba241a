package io.hfhub.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, as the owner of a partial file records it: writers on other hosts are judged by their
 * heartbeat only, writers on this host also by the process table. It must therefore differ between machines
 * sharing a cache, and it must not need DNS: {@code InetAddress.getLocalHost()} fails when the name does not
 * resolve (common in containers and on cluster nodes), and every such machine would then look like one host.
 * On Linux the kernel's own name ({@code /proc/sys/kernel/hostname}, per UTS namespace) is read first.
 */
public final class HostName {
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");
    private static final String CURRENT = lookUp();

    private HostName() {}

    /** This machine's name, read once. */
    public static String current() {
        return CURRENT;
    }

    private static String lookUp() {
        try {
            if (Files.isReadable(KERNEL)) {
                String name = Files.readString(KERNEL, StandardCharsets.US_ASCII).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host"; // then pids are trusted only from writers saying the same: a lease decides
        }
    }
}
