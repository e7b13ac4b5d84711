package dev.herald.domain.segment;

import dev.herald.domain.FieldError;
import dev.herald.domain.segment.AudienceFilter.Condition;
import dev.herald.domain.segment.AudienceFilter.Field;
import dev.herald.domain.segment.AudienceFilter.Op;
import dev.herald.domain.user.DeviceProvider;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an audience filter from its JSON form, naming every wrong field, and writes it back.
 * <pre>
 * {"all": [ {"field": "tag", "key": "plan", "op": "eq", "value": "pro"},
 *           {"any": [ {"field": "country", "op": "in", "values": ["DE", "FR"]},
 *                     {"field": "lastSessionHoursAgo", "op": "lt", "value": 24} ]} ]}
 * </pre>
 */
public final class AudienceFilters {

    public static final int MAX_DEPTH = 5;
    public static final int MAX_CONDITIONS = 50;
    public static final int MAX_VALUES = 1000;

    private static final Map<Field, Set<Op>> OPS = Map.of(
            Field.TAG, EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.EXISTS, Op.NOT_EXISTS, Op.GT, Op.LT),
            Field.LOCALE, EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.STARTS_WITH, Op.EXISTS, Op.NOT_EXISTS),
            Field.TIMEZONE, EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.EXISTS, Op.NOT_EXISTS),
            Field.COUNTRY, EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.EXISTS, Op.NOT_EXISTS),
            Field.PROVIDER, EnumSet.of(Op.EQ, Op.NEQ, Op.IN),
            Field.PLATFORM, EnumSet.of(Op.EQ, Op.NEQ, Op.IN, Op.EXISTS, Op.NOT_EXISTS),
            Field.APP, EnumSet.of(Op.EQ, Op.NEQ, Op.IN),
            Field.LAST_SESSION_HOURS_AGO, EnumSet.of(Op.LT, Op.GT, Op.EXISTS, Op.NOT_EXISTS));

    private AudienceFilters() {
    }

    /** A parsed filter, or the reasons it is not one. */
    public record Parsed(AudienceFilter filter, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Parsed parse(Object json, String path) {
        List<FieldError> errors = new ArrayList<>();
        int[] conditions = {0};
        AudienceFilter filter = node(json, path, 1, errors, conditions);
        if (conditions[0] > MAX_CONDITIONS) {
            errors.add(new FieldError(path, "has " + conditions[0] + " conditions; at most " + MAX_CONDITIONS + " are allowed"));
        }
        return new Parsed(errors.isEmpty() ? filter : null, errors);
    }

    private static AudienceFilter node(Object json, String path, int depth, List<FieldError> errors, int[] conditions) {
        if (!(json instanceof Map<?, ?> map)) {
            errors.add(new FieldError(path, "must be an object: {\"all\": [...]}, {\"any\": [...]} or a condition {\"field\", \"op\", \"value\"}"));
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(new FieldError(path, "nests deeper than " + MAX_DEPTH + " levels"));
            return null;
        }
        boolean all = map.containsKey("all");
        boolean any = map.containsKey("any");
        if (all || any) {
            if (all && any || map.size() != 1) {
                errors.add(new FieldError(path, "a group has exactly one key, \"all\" or \"any\""));
                return null;
            }
            String key = all ? "all" : "any";
            if (!(map.get(key) instanceof List<?> list)) {
                errors.add(new FieldError(path + "." + key, "must be an array of filters"));
                return null;
            }
            List<AudienceFilter> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                parts.add(node(list.get(i), path + "." + key + "[" + i + "]", depth + 1, errors, conditions));
            }
            return all ? new AudienceFilter.All(parts) : new AudienceFilter.Any(parts);
        }
        conditions[0]++;
        return condition(map, path, errors);
    }

    private static Condition condition(Map<?, ?> map, String path, List<FieldError> errors) {
        int before = errors.size();
        for (Object key : map.keySet()) {
            if (!List.of("field", "key", "op", "value", "values").contains(String.valueOf(key))) {
                errors.add(new FieldError(path + "." + key, "is not part of a condition (field, key, op, value, values)"));
            }
        }
        Field field = lookup(Field.values(), map.get("field"), f -> f.json);
        if (field == null) {
            errors.add(new FieldError(path + ".field", "must be one of " + names(Field.values(), f -> f.json)));
            return null;
        }
        Op op = lookup(Op.values(), map.get("op"), o -> o.json);
        if (op == null || !OPS.get(field).contains(op)) {
            errors.add(new FieldError(path + ".op", "for " + field.json + " must be one of "
                    + names(OPS.get(field).toArray(Op[]::new), o -> o.json)));
            return null;
        }
        String key = map.get("key") == null ? null : String.valueOf(map.get("key"));
        if (field == Field.TAG && (key == null || key.isBlank() || key.length() > 128)) {
            errors.add(new FieldError(path + ".key", "is required for a tag condition: the tag's name (up to 128 characters)"));
        } else if (field != Field.TAG && key != null) {
            errors.add(new FieldError(path + ".key", "is only used with field tag"));
        }
        List<String> values = values(map, op, path, errors);
        if (values != null) {
            checkValues(field, op, values, path, errors);
        }
        return errors.size() == before ? new Condition(field, op, key, values) : null;
    }

    private static List<String> values(Map<?, ?> map, Op op, String path, List<FieldError> errors) {
        Object value = map.get("value");
        Object many = map.get("values");
        switch (op) {
            case EXISTS, NOT_EXISTS -> {
                if (value != null || many != null) {
                    errors.add(new FieldError(path + ".value", "is not used with " + op.json));
                    return null;
                }
                return List.of();
            }
            case IN -> {
                if (!(many instanceof List<?> list) || list.isEmpty() || list.size() > MAX_VALUES || value != null) {
                    errors.add(new FieldError(path + ".values", "must be an array of 1 to " + MAX_VALUES + " values for in"));
                    return null;
                }
                List<String> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!scalar(list.get(i))) {
                        errors.add(new FieldError(path + ".values[" + i + "]", "must be a string or a number"));
                        return null;
                    }
                    out.add(String.valueOf(list.get(i)));
                }
                return out;
            }
            default -> {
                if (!scalar(value) || many != null) {
                    errors.add(new FieldError(path + ".value", "is required for " + op.json + ": one string or number"));
                    return null;
                }
                return List.of(String.valueOf(value));
            }
        }
    }

    private static void checkValues(Field field, Op op, List<String> values, String path, List<FieldError> errors) {
        String where = path + (op == Op.IN ? ".values" : ".value");
        for (String v : values) {
            if (v.length() > 256) {
                errors.add(new FieldError(where, "values are at most 256 characters"));
                return;
            }
            boolean ok = switch (field) {
                case PROVIDER -> Arrays.stream(DeviceProvider.values()).anyMatch(p -> p.name().equalsIgnoreCase(v));
                case APP -> isUuid(v);
                case LAST_SESSION_HOURS_AGO -> isNumber(v) && new BigDecimal(v).signum() >= 0;
                case TAG -> op != Op.GT && op != Op.LT || isNumber(v);
                default -> !v.isBlank();
            };
            if (!ok) {
                errors.add(new FieldError(where, switch (field) {
                    case PROVIDER -> "must be one of " + names(DeviceProvider.values(), Enum::name);
                    case APP -> "must be an app id";
                    case LAST_SESSION_HOURS_AGO -> "must be a number of hours (0 or more)";
                    case TAG -> "must be a number for " + op.json;
                    default -> "must not be blank";
                }));
                return;
            }
        }
    }

    /** The filter's canonical JSON form (what is stored and shown). */
    public static Object toJson(AudienceFilter filter) {
        if (filter instanceof AudienceFilter.All all) {
            return Map.of("all", all.parts().stream().map(AudienceFilters::toJson).toList());
        }
        if (filter instanceof AudienceFilter.Any any) {
            return Map.of("any", any.parts().stream().map(AudienceFilters::toJson).toList());
        }
        Condition c = (Condition) filter;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", c.field().json);
        if (c.key() != null) {
            out.put("key", c.key());
        }
        out.put("op", c.op().json);
        if (c.op() == Op.IN) {
            out.put("values", c.values());
        } else if (!c.values().isEmpty()) {
            out.put("value", c.values().get(0));
        }
        return out;
    }

    private static boolean scalar(Object o) {
        return o instanceof String || o instanceof Number;
    }

    static boolean isNumber(String v) {
        try {
            new BigDecimal(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUuid(String v) {
        try {
            UUID.fromString(v);
            return v.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <E> E lookup(E[] all, Object json, java.util.function.Function<E, String> name) {
        if (!(json instanceof String s)) {
            return null;
        }
        return Arrays.stream(all).filter(e -> name.apply(e).equalsIgnoreCase(s.trim())).findFirst().orElse(null);
    }

    private static <E> String names(E[] all, java.util.function.Function<E, String> name) {
        return String.join(", ", Arrays.stream(all).map(name).toList());
    }
}
