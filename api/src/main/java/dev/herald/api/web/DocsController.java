package dev.herald.api.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/** The interactive API reference lives at /docs (Swagger UI over the OpenAPI document generated at build time). */
@Hidden
@Controller("/docs")
@Secured(SecurityRule.IS_ANONYMOUS)
public class DocsController {

    @Get
    public HttpResponse<Void> docs() {
        return HttpResponse.seeOther(URI.create("/docs/index.html"));
    }
}
