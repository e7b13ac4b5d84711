package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which field of a JSON body has the wrong type. The deserializer reports only a line
 * and column; re-reading each property on its own against its declared type names the field.
 */
@Singleton
public class BodyDiagnosis {

    private final JsonMapper mapper;

    public BodyDiagnosis(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public boolean isJson(String body) {
        try {
            mapper.readValue(body, JsonNode.class);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public Optional<FieldError> wrongField(String body, Class<?> type) {
        try {
            JsonNode tree = mapper.readValue(body, JsonNode.class);
            if (!tree.isObject()) {
                return Optional.of(new FieldError("body", "must be a JSON object"));
            }
            return check(tree, type, "");
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Optional<FieldError> check(JsonNode object, Class<?> type, String prefix) {
        Optional<BeanIntrospection<Object>> introspection = BeanIntrospector.SHARED.findIntrospection((Class) type);
        if (introspection.isEmpty()) {
            return Optional.empty();
        }
        for (BeanProperty<Object, Object> property : introspection.get().getBeanProperties()) {
            JsonNode value = object.get(property.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            String path = prefix + property.getName();
            Argument<Object> argument = property.asArgument();
            try {
                mapper.readValueFromTree(value, argument);
            } catch (Exception e) {
                if (value.isObject() && BeanIntrospector.SHARED.findIntrospection(argument.getType()).isPresent()) {
                    Optional<FieldError> nested = check(value, argument.getType(), path + ".");
                    if (nested.isPresent()) {
                        return nested;
                    }
                }
                return Optional.of(new FieldError(path, "must be " + describe(argument)));
            }
        }
        return Optional.empty();
    }

    private static String describe(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T09:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type)) {
            Argument<?>[] parameters = argument.getTypeParameters();
            return parameters.length == 1 ? "an array of " + plural(describe(parameters[0])) : "an array";
        }
        if (Map.class.isAssignableFrom(type) || BeanIntrospector.SHARED.findIntrospection(type).isPresent()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String plural(String description) {
        return switch (description) {
            case "a string" -> "strings";
            case "an integer" -> "integers";
            case "an object" -> "objects";
            default -> description;
        };
    }

}
