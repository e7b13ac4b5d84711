package dev.herald.api.error;

import dev.herald.domain.FieldError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A body or parameter that could not be read: malformed JSON, or a value of the wrong type.
 * Answers 400 naming the field, as a validation failure would.
 */
@Produces
@Singleton
@Replaces(ConversionErrorHandler.class)
public class BodyBindingHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {

    private final Problems problems;
    private final BodyDiagnosis diagnosis;

    public BodyBindingHandler(Problems problems, BodyDiagnosis diagnosis) {
        this.problems = problems;
        this.diagnosis = diagnosis;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        boolean isBody = exception.getArgument().getAnnotationMetadata().hasAnnotation(Body.class);
        if (!isBody) {
            return respond(request, List.of(new FieldError(exception.getArgument().getName(), "must be " + StrictJson.describe(exception.getArgument()))));
        }
        if (causedBy(exception, JsonSyntaxException.class)) {
            return MalformedJsonHandler.respond(problems, request, "body", null);
        }
        Optional<String> body = rawBody(request);
        if (body.isPresent() && !diagnosis.isJson(body.get())) {
            return MalformedJsonHandler.respond(problems, request, "body", null);
        }
        FieldError error = body.flatMap(b -> diagnosis.wrongField(b, exception.getArgument().getType()))
                .orElse(new FieldError("body", "does not match the expected shape"));
        return respond(request, List.of(error));
    }

    private HttpResponse<?> respond(HttpRequest<?> request, List<FieldError> errors) {
        ApiException api = ApiException.invalid(errors);
        return problems.respond(request, api.status(), api, api.getMessage(), api.errors());
    }

    /** The body as received: it was already read once, for binding, and is still buffered. */
    private static Optional<String> rawBody(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return Optional.empty();
        }
        try (var buffered = server.byteBody().split().buffer().get(2, TimeUnit.SECONDS)) {
            return Optional.of(new String(buffered.toByteArray(), StandardCharsets.UTF_8));
        } catch (Exception | AssertionError e) {
            // the body's buffer may still be delivering it (this handler can run inside that delivery):
            // then the field is not named, but the answer is still a 400
            return Optional.empty();
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
