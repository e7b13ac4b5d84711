package dev.herald.domain.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV upload of user ids: one id per row in the first column, an optional header row
 * ({@code user_id}, {@code userId}, {@code external_id} or {@code id}). Bad rows are reported
 * with their row number (1-based, counting the header) and the rest are kept.
 */
public final class UserIdCsv {

    public static final int MAX_ID_LENGTH = 256;
    private static final Set<String> HEADERS = Set.of("user_id", "userid", "external_id", "externalid", "id", "user");

    private UserIdCsv() {
    }

    public record RowError(int row, String value, String message) {
    }

    /** The distinct ids in file order, each with the row it first appeared on, and the rows refused. */
    public record Parsed(Map<String, Integer> ids, List<RowError> errors, int dataRows) {
        public List<String> idList() {
            return List.copyOf(ids.keySet());
        }
    }

    public static Parsed parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r?\n", -1);
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        int dataRows = 0;
        for (int i = 0; i < lines.length; i++) {
            int row = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String cell = firstCell(line);
            if (i == 0 && HEADERS.contains(cell.toLowerCase(Locale.ROOT))) {
                continue;
            }
            dataRows++;
            if (cell.isEmpty()) {
                errors.add(new RowError(row, line, "has no user id in its first column"));
            } else if (cell.length() > MAX_ID_LENGTH) {
                errors.add(new RowError(row, cell.substring(0, 40) + "…", "is longer than " + MAX_ID_LENGTH + " characters"));
            } else {
                ids.putIfAbsent(cell, row);
            }
        }
        return new Parsed(ids, errors, dataRows);
    }

    /** The first comma-separated cell, unquoted ({@code "a ""b"""} reads as {@code a "b"}). */
    static String firstCell(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("\"")) {
            StringBuilder cell = new StringBuilder();
            for (int i = 1; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c == '"') {
                    if (i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    cell.append(c);
                }
            }
            return cell.toString().strip();
        }
        int comma = trimmed.indexOf(',');
        return (comma < 0 ? trimmed : trimmed.substring(0, comma)).strip();
    }
}
