package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem document; {@code code} is stable for programs, {@code errors} name the
 * offending fields of a rejected request: the first {@link #MAX_ERRORS}, and {@code errorCount}
 * says how many there were in all.
 */
@Serdeable
@Schema(name = "Problem", description = "application/problem+json error")
public record Problem(String type,
                      String title,
                      int status,
                      @Nullable String detail,
                      String code,
                      @Nullable List<FieldError> errors,
                      @Nullable Integer errorCount) {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** How many field errors a problem lists; a body with thousands of unknown keys is not echoed back whole. */
    public static final int MAX_ERRORS = 20;
}
