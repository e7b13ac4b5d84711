package dev.herald.domain.automation;

import dev.herald.domain.FieldError;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushType;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The inline content of a {@code send_push} step as a {@link PushContent}, with type errors named by field. */
public final class PushContentMapper {

    private PushContentMapper() {
    }

    /** Null when a field has the wrong type (the errors say which). */
    public static PushContent toContent(Map<String, Object> c, String prefix, String label, List<FieldError> errors) {
        int before = errors.size();
        PushContent content = new PushContent(
                string(c, "title", prefix, label, errors), string(c, "body", prefix, label, errors),
                map(c, "data", prefix, label, errors), string(c, "url", prefix, label, errors),
                string(c, "imageUrl", prefix, label, errors), string(c, "sound", prefix, label, errors),
                integer(c, "badge", prefix, label, errors), string(c, "category", prefix, label, errors),
                string(c, "threadId", prefix, label, errors), string(c, "collapseId", prefix, label, errors),
                integer(c, "ttlSeconds", prefix, label, errors),
                enumValue(PushType.class, c, "pushType", prefix, label, errors),
                enumValue(Priority.class, c, "priority", prefix, label, errors));
        return errors.size() == before ? content : null;
    }

    private static String string(Map<String, Object> c, String field, String prefix, String label, List<FieldError> errors) {
        Object v = c.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        errors.add(new FieldError(prefix + field, label + ": " + field + " must be a string"));
        return null;
    }

    private static Integer integer(Map<String, Object> c, String field, String prefix, String label, List<FieldError> errors) {
        Object v = c.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        errors.add(new FieldError(prefix + field, label + ": " + field + " must be a whole number"));
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> c, String field, String prefix, String label, List<FieldError> errors) {
        Object v = c.get(field);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        errors.add(new FieldError(prefix + field, label + ": " + field + " must be an object"));
        return null;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> c, String field, String prefix, String label,
                                                   List<FieldError> errors) {
        Object v = c.get(field);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, String.valueOf(v).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(prefix + field, label + ": " + field + " must be one of "
                    + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList())));
            return null;
        }
    }
}
