package dev.herald.api.send;

import dev.herald.api.error.ApiException;
import dev.herald.api.error.BodyDiagnosis;
import dev.herald.api.error.StrictJson;
import dev.herald.domain.FieldError;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Reads and validates the JSON part of a multipart send, as strictly as the JSON endpoint does its body. */
@Singleton
public class MultipartSendReader {

    private static final SendRequests.CreateSend EMPTY = new SendRequests.CreateSend(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    private final JsonMapper mapper;
    private final Validator validator;
    private final BodyDiagnosis diagnosis;

    public MultipartSendReader(JsonMapper mapper, Validator validator, BodyDiagnosis diagnosis) {
        this.mapper = mapper;
        this.validator = validator;
        this.diagnosis = diagnosis;
    }

    public SendRequests.CreateSend read(String json) {
        if (json == null || json.isBlank()) {
            return EMPTY;
        }
        try {
            List<FieldError> errors = StrictJson.check(json.getBytes(StandardCharsets.UTF_8), Argument.of(SendRequests.CreateSend.class), "send.");
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        } catch (StrictJson.Malformed e) {
            throw ApiException.invalid("send", "is not valid JSON: " + e.getMessage());
        }
        SendRequests.CreateSend request;
        try {
            request = mapper.readValue(json, SendRequests.CreateSend.class);
        } catch (Exception e) {
            FieldError wrong = diagnosis.wrongField(json, SendRequests.CreateSend.class)
                    .map(f -> new FieldError("send." + f.field(), f.message()))
                    .orElse(new FieldError("send", "must be the send as a JSON object"));
            throw ApiException.invalid(List.of(wrong));
        }
        Set<ConstraintViolation<SendRequests.CreateSend>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
