package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/**
 * Renders every JSON error (ours, validation, security, routing) as application/problem+json
 * with a stable {@code code} and the offending fields.
 */
@Primary
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        HttpStatus httpStatus = HttpStatus.valueOf(status);
        Throwable cause = context.getRootCause().orElse(null);
        List<FieldError> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new FieldError(FieldPaths.clean(e.getPath().get()), e.getMessage()))
                .toList();
        String code;
        String detail;
        if (cause instanceof ApiException api) {
            code = api.code();
            detail = api.getMessage();
            fields = api.errors();
        } else if (status == 414 || status == 431) {
            code = status == 414 ? "uri_too_long" : "headers_too_large";
            detail = (status == 414 ? "The request line (method, path and query) is longer than the server reads: "
                    : "The request headers are larger than the server reads: ")
                    + RequestDiagnosis.decoderFailure(context.getRequest()).map(Throwable::getMessage).orElse(httpStatus.getReason());
        } else if (status >= 500) {
            code = "internal_error";
            detail = "Herald could not complete the request; the error is logged.";
        } else {
            code = fields.isEmpty() ? codeFor(httpStatus) : "validation_failed";
            detail = fields.isEmpty()
                    ? context.getErrors().stream().map(e -> e.getMessage()).findFirst().orElse(httpStatus.getReason())
                    : fields.stream().limit(Problem.MAX_ERRORS).map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElseThrow();
            detail = RequestDiagnosis.explain(context.getRequest(), httpStatus).orElse(detail);
        }
        List<FieldError> listed = fields.size() > Problem.MAX_ERRORS ? fields.subList(0, Problem.MAX_ERRORS) : fields;
        return new Problem("urn:herald:problem:" + code, httpStatus.getReason(), status, detail, code,
                fields.isEmpty() ? null : listed, fields.isEmpty() ? null : fields.size());
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    private static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            default -> status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }
}
