package dev.herald.domain.template;

import dev.herald.domain.user.User;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a template's variables are filled from. A qualified name reads one source:
 * {@code user.id|locale|timezone|country}, {@code tags.<key>}, {@code event.<property>},
 * {@code vars.<name>}. An unqualified name is looked up in the send's variables, then the
 * triggering event's properties, then the user's tags, then the user's properties: the value
 * most specific to this push wins. Nested maps are read with dots ({@code event.cart.total}).
 */
public record TemplateContext(Map<String, Object> user,
                              Map<String, String> tags,
                              Map<String, Object> event,
                              Map<String, Object> variables) {

    public static final TemplateContext EMPTY = new TemplateContext(Map.of(), Map.of(), Map.of(), Map.of());

    private static final List<String> SOURCES = List.of("vars", "event", "tags", "user");

    public TemplateContext {
        user = user == null ? Map.of() : user;
        tags = tags == null ? Map.of() : tags;
        event = event == null ? Map.of() : event;
        variables = variables == null ? Map.of() : variables;
    }

    /** The context of one user, with the event that triggered the push (may be empty) and the send's variables. */
    public static TemplateContext of(User user, Map<String, Object> eventProperties, Map<String, Object> variables) {
        return new TemplateContext(userProperties(user), user == null ? Map.of() : user.tags(), eventProperties, variables);
    }

    /** A context with only send variables: what can be checked before recipients are known. */
    public static TemplateContext ofVariables(Map<String, Object> variables) {
        return new TemplateContext(Map.of(), Map.of(), Map.of(), variables);
    }

    public static Map<String, Object> userProperties(User user) {
        Map<String, Object> properties = new HashMap<>();
        if (user != null) {
            properties.put("id", user.externalId());
            putIfPresent(properties, "locale", user.locale());
            putIfPresent(properties, "timezone", user.timezone());
            putIfPresent(properties, "country", user.country());
            if (user.tags() != null && !user.tags().isEmpty()) {
                // {{user.tags.x}} reads as {{tags.x}}, as automation conditions name them
                properties.put("tags", user.tags());
            }
        }
        return properties;
    }

    /** The text of a variable, when it names a single value. */
    public Optional<String> lookup(String path) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        if (dot > 0 && SOURCES.contains(head)) {
            return read(source(head), path.substring(dot + 1));
        }
        for (String source : SOURCES) {
            Optional<String> value = read(source(source), path);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private Map<String, ?> source(String name) {
        return switch (name) {
            case "vars" -> variables;
            case "event" -> event;
            case "tags" -> tags;
            default -> user;
        };
    }

    private static Optional<String> read(Map<String, ?> source, String path) {
        Object value = source;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            value = map.get(key);
        }
        return text(value);
    }

    private static Optional<String> text(Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Double || value instanceof Float) {
            return Optional.of(BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString());
        }
        if (value instanceof BigDecimal d) {
            return Optional.of(d.stripTrailingZeros().toPlainString());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        // null, maps and lists are not one value
        return Optional.empty();
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
