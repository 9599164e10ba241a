package io.hfhub.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a symbolic link inside the extraction folder the way the kernel will, following every link on
 * the way, and reports whether it ends inside. A lexical check is not enough: with {@code p/q/b -> ../../r},
 * the target {@code p/q/b/../..} looks like the root but resolves to the root's parent. Components that do
 * not exist are resolved lexically (a missing name cannot be a link).
 */
final class LinkResolver {
    /** Linux gives up after 40 links (ELOOP); so do we. */
    private static final int MAX_HOPS = 40;

    private LinkResolver() {}

    /** True if the link at {@code linkPath} (relative to {@code root}) resolves to a path inside {@code root}. */
    static boolean staysInside(Path root, String linkPath) throws IOException {
        List<String> current = new ArrayList<>(Arrays.asList(linkPath.split("/")));
        Deque<String> pending = new ArrayDeque<>();
        pending.push(current.remove(current.size() - 1)); // start at the link itself, from its folder
        int hops = 0;
        while (!pending.isEmpty()) {
            String segment = pending.pop();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (current.isEmpty()) {
                    return false;
                }
                current.remove(current.size() - 1);
                continue;
            }
            current.add(segment);
            Path here = root.resolve(String.join("/", current));
            if (Files.isSymbolicLink(here)) {
                if (++hops > MAX_HOPS) {
                    return false;
                }
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/")) {
                    return false;
                }
                current.remove(current.size() - 1);
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.push(parts[i]);
                }
            }
        }
        return true;
    }
}
