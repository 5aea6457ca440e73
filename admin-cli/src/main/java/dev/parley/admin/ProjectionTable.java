package dev.parley.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /admin/projections} as a table for a terminal, one projection a row, columns aligned. */
final class ProjectionTable {

    private static final List<String> HEADINGS = List.of("NAME", "STATUS", "POSITION", "LAG", "REPLAYING", "PROGRESS");

    private ProjectionTable() {
    }

    static String of(JsonNode projections) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (JsonNode projection : projections) {
            rows.add(List.of(projection.path("name").asText("?"), projection.path("status").asText("?"),
                    number(projection.path("position")), number(projection.path("lag")),
                    projection.path("replaying").asBoolean() ? "yes" : "no", percent(projection.path("progress"))));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s  ", row.get(column)));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    /** The share replayed as a percentage, or "-" when the server does not know it. */
    static String percent(JsonNode progress) {
        return progress.isNumber() ? (int) Math.floor(Math.max(0, Math.min(1, progress.asDouble())) * 100) + "%" : "-";
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? value.asText() : "-";
    }
}
