package dev.herald.domain.automation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Evaluates {@link Condition}s against facts (event properties, or {@code user} and {@code event} maps). */
public final class Conditions {

    private Conditions() {
    }

    public static boolean matches(Condition condition, Map<String, ?> facts, Instant now) {
        return condition.tests().stream().allMatch(t -> test(t, resolve(facts, t.path()), now));
    }

    /** The value at a dotted path ({@code user.tags.plan}); a key with dots of its own is found too. */
    public static Object resolve(Map<String, ?> facts, String path) {
        if (facts == null) {
            return null;
        }
        if (facts.containsKey(path)) {
            return facts.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object head = facts.get(path.substring(0, dot));
            if (head instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Object found = resolve((Map<String, ?>) nested, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    private static boolean test(Condition.Test t, Object actual, Instant now) {
        Object expected = t.value();
        return switch (t.op()) {
            case EQ -> same(actual, expected);
            case NE -> !same(actual, expected);
            case GT -> ordered(actual, expected, c -> c > 0);
            case GTE -> ordered(actual, expected, c -> c >= 0);
            case LT -> ordered(actual, expected, c -> c < 0);
            case LTE -> ordered(actual, expected, c -> c <= 0);
            case IN -> expected instanceof Collection<?> options && options.stream().anyMatch(o -> same(actual, o));
            case EXISTS -> (actual != null) == Boolean.TRUE.equals(expected);
            case CONTAINS -> actual instanceof Collection<?> items ? items.stream().anyMatch(i -> same(i, expected))
                    : actual instanceof String s && expected != null && s.contains(expected.toString());
            case WITHIN -> age(actual, now) != null && age(actual, now).compareTo(Durations.parse(expected).orElseThrow()) <= 0;
            case OLDER_THAN -> age(actual, now) == null || age(actual, now).compareTo(Durations.parse(expected).orElseThrow()) > 0;
        };
    }

    /** Equal as numbers when both are numbers (1 == 1.0), else as text ("true" == true). */
    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a.toString(), b.toString());
    }

    private static boolean ordered(Object actual, Object expected, java.util.function.IntPredicate holds) {
        Integer c = compare(actual, expected);
        return c != null && holds.test(c);
    }

    /** Numeric order, or null when either side is not a number (then every comparison is false). */
    private static Integer compare(Object actual, Object expected) {
        BigDecimal x = number(actual);
        BigDecimal y = number(expected);
        return x == null || y == null ? null : x.compareTo(y);
    }

    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** How long ago a timestamp (ISO-8601 text or epoch milliseconds) was. */
    private static Duration age(Object value, Instant now) {
        Instant at = null;
        if (value instanceof Number n) {
            at = Instant.ofEpochMilli(n.longValue());
        } else if (value instanceof String s) {
            try {
                at = Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        } else if (value instanceof Instant i) {
            at = i;
        }
        return at == null ? null : Duration.between(at, now);
    }
}
