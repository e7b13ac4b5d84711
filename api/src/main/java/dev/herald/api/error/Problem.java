package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document; {@code code} is stable for programs, {@code errors} name the
 * offending fields of a rejected request.
 */
@Serdeable
@Schema(name = "Problem", description = "application/problem+json error")
public record Problem(String type,
                      String title,
                      int status,
                      @Nullable String detail,
                      String code,
                      @Nullable List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";
}
