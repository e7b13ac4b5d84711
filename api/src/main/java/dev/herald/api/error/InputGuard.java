package dev.herald.api.error;

import dev.herald.domain.FieldError;
import dev.herald.domain.input.StorableText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteMatch;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Every string that enters through a route, checked once before it is bound: path variables,
 * query values, the headers a route reads as data ({@code Idempotency-Key}) and JSON bodies
 * (read by {@link StrictJson} against the route's body type). A NUL, an unpaired surrogate, a
 * wrong JSON type, an unknown field, deep nesting or trailing data is a 400 naming the field;
 * a body without a Content-Type is a 415. Nothing reaches a controller, so nothing is stored.
 * Runs after authentication and the request budget: an unknown caller learns nothing here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class InputGuard implements Ordered {

    private final Problems problems;

    public InputGuard(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 20;
    }

    @RequestFilter
    public Publisher<MutableHttpResponse<?>> check(HttpRequest<?> request, @Nullable RouteMatch<?> route,
                                                  FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        return Mono.fromCompletionStage(problemOf(request, route))
                .switchIfEmpty(Mono.defer(() -> Mono.from(next.proceed())));
    }

    /** The answer refusing the request, or null (completed) when it may go on. */
    private CompletionStage<MutableHttpResponse<?>> problemOf(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        if (route == null) {
            return done(null);
        }
        List<FieldError> errors = new ArrayList<>();
        String where = null;
        for (Map.Entry<String, Object> variable : route.getVariableValues().entrySet()) {
            if (variable.getValue() instanceof CharSequence value && text(variable.getKey(), value, errors)) {
                where = where == null ? "path" : where;
            }
        }
        for (String name : request.getParameters().names()) {
            Optional<String> badName = StorableText.problem(name);
            badName.ifPresent(p -> errors.add(new FieldError(StorableText.printable(name), "has a name that " + p)));
            if (badName.isPresent() | request.getParameters().getAll(name).stream().anyMatch(v -> text(name, v, errors))) {
                where = where == null ? "query" : where;
            }
        }
        for (String header : dataHeaders(route)) {
            if (request.getHeaders().getAll(header).stream().anyMatch(v -> text(header, v, errors))) {
                where = where == null ? "header" : where;
            }
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            return respond(request, new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                    where + ": " + first.field() + " " + first.message(), errors));
        }
        Optional<Argument<?>> body = route.getRouteInfo().getFullRequestBodyType();
        if (body.isEmpty()) {
            return done(null);
        }
        Optional<MediaType> contentType = request.getContentType();
        boolean hasBody = request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
        if (contentType.isEmpty()) {
            if (hasBody) {
                return respond(request, ApiException.unsupportedMediaType("Content-Type is required: send the body as application/json"));
            }
            return body.get().isNullable() ? done(null) : respond(request, ApiException.invalid("body", "is required: a JSON object"));
        }
        if (!isJson(contentType.get()) || !(request instanceof ServerHttpRequest<?> server)) {
            return done(null);
        }
        return server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer().thenCompose(buffered -> {
            byte[] bytes;
            try (CloseableAvailableByteBody b = buffered) {
                bytes = b.toByteArray();
            }
            return checkJson(request, bytes, body.get());
        });
    }

    private CompletionStage<MutableHttpResponse<?>> checkJson(HttpRequest<?> request, byte[] bytes, Argument<?> type) {
        if (isBlank(bytes)) {
            return type.isNullable() ? done(null) : respond(request, ApiException.invalid("body", "is required: a JSON object"));
        }
        try {
            List<FieldError> errors = StrictJson.check(bytes, type, "");
            return errors.isEmpty() ? done(null) : respond(request, ApiException.invalid(errors));
        } catch (StrictJson.Malformed e) {
            return respond(request, MalformedJsonHandler.malformed("body", e.getMessage()));
        }
    }

    /** Records a field whose text cannot be stored; true when it could not. */
    private static boolean text(String field, CharSequence value, List<FieldError> errors) {
        Optional<String> problem = StorableText.problem(value);
        problem.ifPresent(p -> errors.add(new FieldError(StorableText.printable(field), p)));
        return problem.isPresent();
    }

    /** The headers a route binds to arguments, i.e. reads as data. */
    private static List<String> dataHeaders(RouteMatch<?> route) {
        if (!(route.getRouteInfo() instanceof MethodBasedRouteInfo<?, ?> method)) {
            return List.of();
        }
        List<String> headers = new ArrayList<>();
        for (Argument<?> argument : method.getTargetMethod().getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(Header.class)) {
                headers.add(argument.getAnnotationMetadata().stringValue(Header.class).orElse(argument.getName()));
            }
        }
        return headers;
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private CompletionStage<MutableHttpResponse<?>> respond(HttpRequest<?> request, ApiException problem) {
        return done(problems.respond(request, problem.status(), problem, problem.getMessage(), problem.errors()));
    }

    private static CompletionStage<MutableHttpResponse<?>> done(@Nullable MutableHttpResponse<?> response) {
        return CompletableFuture.completedFuture(response);
    }
}
