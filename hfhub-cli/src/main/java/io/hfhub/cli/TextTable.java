package io.hfhub.cli;

import io.hfhub.SafeText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table (header, dashes, rows; columns padded to their widest cell), like {@code hf cache scan}. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        // cells come from the cache folder's names, which are untrusted: no control character reaches the terminal
        rows.add(Arrays.stream(cells).map(SafeText::escape).toList());
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        line(out, dashes, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + 1));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
