package io.hfhub.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI needs to know about the terminal: whether <em>stderr</em> is one (progress goes there, so
 * {@code p=$(hfhub download …)} still shows a bar and {@code 2>log} gets plain lines), and how wide it is.
 * Java 17 has no {@code isatty}: on Linux {@code /proc/self/fd/2} says where stderr goes; elsewhere
 * {@code test -t 2} is asked with our stderr inherited.
 */
final class Terminal {
    private Terminal() {}

    /** Whether stderr is a terminal. {@code TERM=dumb} counts as no terminal (no cursor control there). */
    static boolean stderrIsTerminal(Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return run(new ProcessBuilder("test", "-t", "2").redirectError(ProcessBuilder.Redirect.INHERIT)) == 0;
    }

    /**
     * The terminal's width: {@code COLUMNS} when set (as Python's {@code shutil.get_terminal_size} reads it),
     * else {@code stty size} on the controlling terminal, else 80.
     */
    static int columns(Map<String, String> env) {
        Integer fromEnv = positive(env.get("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        File tty = new File("/dev/tty");
        if (tty.exists()) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    String[] parts = out.split("\\s+");
                    Integer cols = parts.length == 2 ? positive(parts[1]) : null;
                    if (cols != null) {
                        return cols;
                    }
                }
            } catch (IOException e) {
                // no stty: the default below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 80;
    }

    /**
     * Text from outside (file names, server messages) made safe to print: the same redaction and escaping as every
     * error line ({@link Main#printable}), so a name can neither drive the terminal nor show a token.
     */
    static String printable(String text) {
        return text == null ? "" : Main.printable(text);
    }

    /** Columns {@code text} takes: East Asian wide characters count two (a conservative reading of wcwidth). */
    static int width(String text) {
        return text.codePoints().map(Terminal::width).sum();
    }

    /** {@code text} cut to at most {@code columns} columns, marked with {@code ...} when cut. */
    static String fit(String text, int columns) {
        if (width(text) <= columns) {
            return text;
        }
        if (columns <= 3) {
            return ".".repeat(Math.max(0, columns));
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (used + width(c) > columns - 3) {
                break;
            }
            out.appendCodePoint(c);
            used += width(c);
            i += Character.charCount(c);
        }
        return out.append("...").toString();
    }

    private static int width(int c) {
        boolean wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
                || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
                || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
        return wide ? 2 : 1;
    }

    private static Integer positive(String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int run(ProcessBuilder process) {
        try {
            Process p = process.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(2, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
