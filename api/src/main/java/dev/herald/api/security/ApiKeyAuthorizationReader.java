package dev.herald.api.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import jakarta.inject.Singleton;

/** Reads a server API key from {@code Authorization: Key <key>}. */
@Singleton
public class ApiKeyAuthorizationReader extends HttpHeaderTokenReader {

    @Override
    protected String getPrefix() {
        return "Key";
    }

    @Override
    protected String getHeaderName() {
        return HttpHeaders.AUTHORIZATION;
    }
}
