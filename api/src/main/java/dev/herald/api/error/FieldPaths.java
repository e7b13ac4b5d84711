package dev.herald.api.error;

/**
 * Turns framework error paths into request field names: bean validation reports
 * {@code create.request.userIds[0]} (method, argument, field), clients want {@code userIds[0]};
 * a missing query value or header comes as a JSON pointer ({@code /token}), clients want {@code token}.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    static String clean(String path) {
        if (path.startsWith("/")) {
            return path.substring(1).replace('/', '.');
        }
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        if (parts.length == 2) {
            return parts[1];
        }
        return path;
    }
}
