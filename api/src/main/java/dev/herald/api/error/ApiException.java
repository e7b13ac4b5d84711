package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.http.HttpStatus;

import java.util.List;

/** A request Herald refuses, with the status, stable code and fields to report. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String code, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail(errors), errors);
    }

    /** "field: message" for one error, else the fields at fault (the first {@link Problem#MAX_ERRORS} of them). */
    static String detail(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        List<String> fields = errors.stream().map(FieldError::field).distinct().toList();
        String listed = String.join(", ", fields.subList(0, Math.min(fields.size(), Problem.MAX_ERRORS)));
        return "Invalid fields: " + listed + (fields.size() > Problem.MAX_ERRORS ? " and " + (fields.size() - Problem.MAX_ERRORS) + " more" : "");
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail, List.of());
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, code, detail, List.of());
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail, List.of());
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", detail, List.of());
    }

    public static ApiException tooManyRequests(String detail) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", detail, List.of());
    }

    public static ApiException unavailable(String code, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
