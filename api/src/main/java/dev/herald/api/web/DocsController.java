package dev.herald.api.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/**
 * The interactive API reference: /docs leads to micronaut-openapi's Swagger UI view over the
 * OpenAPI document generated at build time, served where the view loads its own scripts from.
 */
@Hidden
@Controller("/docs")
@Secured(SecurityRule.IS_ANONYMOUS)
public class DocsController {

    @Get
    public HttpResponse<Void> docs() {
        return HttpResponse.seeOther(URI.create("/swagger-ui/index.html"));
    }
}
