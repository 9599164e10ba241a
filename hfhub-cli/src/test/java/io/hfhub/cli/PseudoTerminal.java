package io.hfhub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the CLI in a child JVM with its stderr on a real pseudo-terminal of a given width (python3's {@code pty}
 * module, through {@code pty-run.py}), and replays what it drew on a screen of that width. Test-only.
 */
final class PseudoTerminal {
    /** What a run left: exit status, stdout, the raw terminal bytes, every frame drawn, the final screen. */
    record Run(int exit, String out, String raw, List<String> frames, List<String> screen, int widest) {}

    private PseudoTerminal() {}

    /** python3, or the test is skipped on a dev machine without it; in CI (CI=true) its absence fails. */
    static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return Path.of(dir, "python3").toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("python3 is needed for the pseudo-terminal tests");
        }
        Assumptions.assumeTrue(false, "python3 not installed");
        return null;
    }

    static Run run(Path work, int columns, Map<String, String> env, String... args) throws Exception {
        Path script = work.resolve("pty-run.py");
        try (var in = PseudoTerminal.class.getResourceAsStream("/pty-run.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path stdout = work.resolve("stdout-" + columns + ".txt");
        List<String> command = new ArrayList<>(List.of(python(), script.toString(), Integer.toString(columns),
                stdout.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp",
                CliRun.childClassPath(), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("COLUMNS");
        builder.environment().remove("HF_HUB_DISABLE_PROGRESS_BARS");
        builder.environment().put("TERM", "xterm");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] raw = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 60 s");
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        Screen screen = new Screen(columns);
        screen.replay(text);
        return new Run(process.exitValue(), Files.readString(stdout), text, screen.frames, screen.lines(), screen.widest);
    }

    /** A minimal terminal: carriage return, line feed, erase to end of line; records each frame and the widest. */
    private static final class Screen {
        private final int columns;
        private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        private final List<String> frames = new ArrayList<>();
        private int column;
        private int widest;

        Screen(int columns) {
            this.columns = columns;
        }

        void replay(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\033' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
                    int end = i + 2;
                    while (end < text.length() && !Character.isLetter(text.charAt(end))) {
                        end++;
                    }
                    if (end < text.length() && text.charAt(end) == 'K') {
                        row().setLength(Math.min(row().length(), column));
                    }
                    i = end;
                } else if (c == '\r') {
                    frame();
                    column = 0;
                } else if (c == '\n') {
                    frame();
                    rows.add(new StringBuilder());
                    column = 0;
                } else {
                    if (column >= columns) {
                        throw new AssertionError("the line wrapped: a character written past column " + columns
                                + " in " + row());
                    }
                    StringBuilder row = row();
                    while (row.length() < column) {
                        row.append(' ');
                    }
                    if (column < row.length()) {
                        row.setCharAt(column, c);
                    } else {
                        row.append(c);
                    }
                    column++;
                    widest = Math.max(widest, column);
                }
            }
            frame();
        }

        private void frame() {
            String frame = row().toString();
            if (!frame.isBlank() && (frames.isEmpty() || !frames.get(frames.size() - 1).equals(frame))) {
                frames.add(frame);
            }
        }

        private StringBuilder row() {
            return rows.get(rows.size() - 1);
        }

        List<String> lines() {
            return rows.stream().map(StringBuilder::toString).filter(s -> !s.isBlank()).toList();
        }
    }
}
