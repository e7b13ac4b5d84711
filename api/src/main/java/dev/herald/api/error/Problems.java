package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/** Builds problem responses through Micronaut's error pipeline, so every error looks the same. */
@Singleton
public class Problems {

    private final ErrorResponseProcessor<?> processor;

    public Problems(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, String detail, List<FieldError> errors) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause).errorMessage(detail);
        errors.forEach(e -> context.error(new FieldErrorAdapter(e)));
        return processor.processResponse(context.build(), io.micronaut.http.HttpResponse.status(status));
    }

    private record FieldErrorAdapter(FieldError error) implements io.micronaut.http.server.exceptions.response.Error {
        @Override
        public java.util.Optional<String> getPath() {
            return java.util.Optional.of(error.field());
        }

        @Override
        public String getMessage() {
            return error.message();
        }
    }
}
