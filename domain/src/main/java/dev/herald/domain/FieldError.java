package dev.herald.domain;

import io.micronaut.serde.annotation.Serdeable;

/** One rejected input field and why; the API turns these into problem+json {@code errors}. */
@Serdeable
public record FieldError(String field, String message) {
}
