package dev.herald.api.security;

import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import jakarta.inject.Singleton;

/** Reads a server API key from {@code x-api-key}. */
@Singleton
public class ApiKeyHeaderReader extends HttpHeaderTokenReader {

    @Override
    protected String getPrefix() {
        return null;
    }

    @Override
    protected String getHeaderName() {
        return "x-api-key";
    }
}
