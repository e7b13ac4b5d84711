package dev.herald.api.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.herald.domain.FieldError;
import dev.herald.domain.input.StorableText;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON request body read as strictly as the OpenAPI document describes it, before Micronaut
 * Serde binds it (Serde 2 coerces scalars, unwraps one-element arrays, truncates floats and
 * ignores unknown fields and trailing data, with no setting to refuse them).
 * <p>
 * One pass over the body finds: text PostgreSQL cannot store (a NUL, an unpaired surrogate,
 * in any value or key at any depth), nesting deeper than {@link #MAX_DEPTH}, duplicate keys,
 * anything after the JSON value, and every value whose JSON type is not the declared one
 * (a number for a string, a string for a boolean, a fraction for an integer, a value for an
 * array) or whose field the type does not have. Maps of {@code Object} ({@code data},
 * {@code properties}, {@code variables}…) take any JSON below them.
 */
public final class StrictJson {

    /** How deep objects and arrays may nest; well below where recursive readers run out of stack. */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // our own count stops at MAX_DEPTH first; this is the parser's backstop
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .build();

    /** JSON null, kept apart from a key that is absent. */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private StrictJson() {
    }

    /** Signals that the body is not JSON at all (the caller answers malformed_json). */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The fields of {@code json} that do not fit {@code type}, named below {@code prefix}
     * ({@code ""} for a whole body, {@code "send."} for a multipart part); empty when it binds strictly.
     */
    public static List<FieldError> check(byte[] json, Argument<?> type, String prefix) throws Malformed {
        List<FieldError> errors = new ArrayList<>();
        Object tree = read(json, prefix, errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (tree instanceof Map<?, ?> || !needsObject(type)) {
            check(tree, type, prefix, errors);
        } else {
            errors.add(new FieldError(prefix.isEmpty() ? "body" : trimDot(prefix), "must be a JSON object"));
        }
        return errors;
    }

    private static boolean needsObject(Argument<?> type) {
        Class<?> t = type.getType();
        return Map.class.isAssignableFrom(t) || BeanIntrospector.SHARED.findIntrospection(t).isPresent();
    }

    // --- reading -----------------------------------------------------------------------------

    private static Object read(byte[] json, String prefix, List<FieldError> errors) throws Malformed {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Malformed("the body is empty");
            }
            Object tree = value(parser, first, prefix, 1, errors);
            if (!errors.isEmpty()) {
                return null;
            }
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                errors.add(new FieldError(prefix.isEmpty() ? "body" : trimDot(prefix),
                        "has more after its JSON value (at line " + parser.currentLocation().getLineNr()
                                + ", column " + parser.currentLocation().getColumnNr() + "); send exactly one JSON value"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                String name = e.getMessage().replaceAll("(?s)^Duplicate field '(.*?)'.*$", "$1");
                errors.add(new FieldError(prefix + StorableText.printable(name), "appears more than once in its object"));
                return null;
            }
            throw new Malformed(e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Malformed(e.getMessage());
        }
    }

    /** One value; stops at the first error (its path is where the body goes wrong). */
    private static Object value(JsonParser parser, JsonToken token, String path, int depth, List<FieldError> errors) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                if (depth > MAX_DEPTH) {
                    errors.add(new FieldError(field(path), "nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
                    return null;
                }
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    String child = path + StorableText.printable(key);
                    Optional<String> bad = StorableText.problem(key);
                    if (bad.isPresent()) {
                        errors.add(new FieldError(child, "has a name that " + bad.get()));
                        return null;
                    }
                    Object v = value(parser, parser.nextToken(), child + ".", depth + 1, errors);
                    if (!errors.isEmpty()) {
                        return null;
                    }
                    object.put(key, v);
                }
                return object;
            }
            case START_ARRAY -> {
                if (depth > MAX_DEPTH) {
                    errors.add(new FieldError(field(path), "nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
                    return null;
                }
                List<Object> array = new ArrayList<>();
                String base = field(path);
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    Object v = value(parser, t, base + "[" + array.size() + "].", depth + 1, errors);
                    if (!errors.isEmpty()) {
                        return null;
                    }
                    array.add(v);
                }
                return array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                Optional<String> bad = StorableText.problem(text);
                if (bad.isPresent()) {
                    errors.add(new FieldError(field(path), bad.get()));
                    return null;
                }
                return text;
            }
            case VALUE_NUMBER_INT -> {
                return parser.getBigIntegerValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    // --- checking against the declared type ---------------------------------------------------

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void check(Object value, Argument<?> type, String path, List<FieldError> errors) {
        Class<?> t = type.getType();
        if (value == NULL) {
            if (t.isPrimitive()) {
                errors.add(new FieldError(field(path), "must be " + describe(type)));
            }
            return;
        }
        if (t == Object.class || JsonNode.class.isAssignableFrom(t)) {
            return;
        }
        boolean fits = switch (kind(t)) {
            case TEXT -> value instanceof String;
            case INTEGER -> isInteger(value, t);
            case NUMBER -> value instanceof BigInteger || value instanceof BigDecimal;
            case BOOLEAN -> value instanceof Boolean;
            case ENUM -> value instanceof String s && enumNames(t).contains(s);
            case ARRAY -> value instanceof List<?>;
            case MAP, BEAN -> value instanceof Map<?, ?>;
            case OTHER -> true;
        };
        if (!fits) {
            boolean outOfRange = kind(t) == Kind.INTEGER && isInteger(value, BigInteger.class);
            errors.add(new FieldError(field(path), outOfRange ? "must be an integer from " + range(t)[0] + " to " + range(t)[1]
                    : "must be " + describe(type)));
            return;
        }
        switch (kind(t)) {
            case ARRAY -> {
                Argument<?> element = elementType(type);
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), element, field(path) + "[" + i + "].", errors);
                }
            }
            case MAP -> {
                Argument<?>[] parameters = type.getTypeParameters();
                Argument<?> valueType = parameters.length == 2 ? parameters[1] : Argument.OBJECT_ARGUMENT;
                ((Map<String, Object>) value).forEach((k, v) -> check(v, valueType, path + k + ".", errors));
            }
            case BEAN -> {
                BeanIntrospection<Object> bean = (BeanIntrospection) BeanIntrospector.SHARED.findIntrospection(t).orElseThrow();
                Map<String, BeanProperty<Object, Object>> properties = new LinkedHashMap<>();
                for (BeanProperty<Object, Object> p : bean.getBeanProperties()) {
                    properties.put(jsonName(p), p);
                }
                ((Map<String, Object>) value).forEach((k, v) -> {
                    BeanProperty<Object, Object> property = properties.get(k);
                    if (property == null) {
                        errors.add(new FieldError(path + k, "is not a field of this object; its fields are "
                                + String.join(", ", properties.keySet())));
                    } else {
                        check(v, property.asArgument(), path + k + ".", errors);
                    }
                });
            }
            default -> {
            }
        }
    }

    private enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, ENUM, ARRAY, MAP, BEAN, OTHER }

    private static Kind kind(Class<?> t) {
        if (CharSequence.class.isAssignableFrom(t) || t == char.class || t == Character.class || Temporal.class.isAssignableFrom(t)
                || t == UUID.class || t == java.time.ZoneId.class || t == java.time.Duration.class || t == java.net.URI.class
                || t == java.util.Locale.class) {
            return Kind.TEXT;
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class || t == Short.class
                || t == byte.class || t == Byte.class || t == BigInteger.class) {
            return Kind.INTEGER;
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class || t == BigDecimal.class || t == Number.class) {
            return Kind.NUMBER;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (t.isEnum()) {
            return Kind.ENUM;
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return Kind.ARRAY;
        }
        if (Map.class.isAssignableFrom(t)) {
            return Kind.MAP;
        }
        return BeanIntrospector.SHARED.findIntrospection(t).isPresent() ? Kind.BEAN : Kind.OTHER;
    }

    /** A whole number in the range of the type: {@code 2} and {@code 2.0}, never {@code 1.7} or {@code "2"}. */
    private static boolean isInteger(Object value, Class<?> t) {
        BigInteger n;
        if (value instanceof BigInteger i) {
            n = i;
        } else if (value instanceof BigDecimal d && d.signum() == 0) {
            n = BigInteger.ZERO;
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0 && d.precision() - d.scale() < 40) {
            n = d.toBigIntegerExact();
        } else {
            return false;
        }
        if (t == BigInteger.class) {
            return true;
        }
        long[] range = range(t);
        return n.compareTo(BigInteger.valueOf(range[0])) >= 0 && n.compareTo(BigInteger.valueOf(range[1])) <= 0;
    }

    private static long[] range(Class<?> t) {
        if (t == int.class || t == Integer.class) {
            return new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        if (t == short.class || t == Short.class) {
            return new long[]{Short.MIN_VALUE, Short.MAX_VALUE};
        }
        if (t == byte.class || t == Byte.class) {
            return new long[]{Byte.MIN_VALUE, Byte.MAX_VALUE};
        }
        return new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
    }

    private static List<String> enumNames(Class<?> t) {
        return java.util.Arrays.stream(t.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
    }

    private static Argument<?> elementType(Argument<?> type) {
        if (type.getType().isArray()) {
            return Argument.of(type.getType().getComponentType());
        }
        Argument<?>[] parameters = type.getTypeParameters();
        return parameters.length == 1 ? parameters[0] : Argument.OBJECT_ARGUMENT;
    }

    /** The name the field has in JSON: its {@code @JsonProperty} if it is renamed. */
    static String jsonName(BeanProperty<?, ?> property) {
        return property.getAnnotationMetadata().stringValue(JsonProperty.class)
                .filter(name -> !name.isEmpty())
                .orElse(property.getName());
    }

    /** What a value of this type looks like, for "must be …". */
    static String describe(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T09:00:00Z";
        }
        return switch (kind(type)) {
            case TEXT -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", enumNames(type));
            case ARRAY -> {
                String element = describe(elementType(argument));
                yield elementType(argument).getType() == Object.class ? "an array" : "an array of " + plural(element);
            }
            case MAP, BEAN -> "an object";
            case OTHER -> "a " + type.getSimpleName();
        };
    }

    private static String plural(String description) {
        return switch (description) {
            case "a string" -> "strings";
            case "an integer" -> "integers";
            case "a number" -> "numbers";
            case "an object" -> "objects";
            case "true or false" -> "booleans";
            default -> description;
        };
    }

    /** {@code "tags.a."} → {@code "tags.a"}: paths are built with a trailing dot for their children. */
    private static String field(String path) {
        return path.isEmpty() ? "body" : trimDot(path);
    }

    private static String trimDot(String path) {
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }
}
