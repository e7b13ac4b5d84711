package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

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
            String name = StrictJson.jsonName(property);
            JsonNode value = object.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String path = prefix + name;
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
                return Optional.of(new FieldError(path, "must be " + StrictJson.describe(argument)));
            }
        }
        return Optional.empty();
    }
}
