package dev.herald.api;

import dev.herald.api.launch.EmbeddedDefaults;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(title = "Herald", version = "0.1",
                description = "Self-hosted push notifications and lifecycle automation, durable on Temporal.",
                license = @License(name = "Apache-2.0")),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "session")})
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "x-api-key",
        description = "Server API key of an org, `hk_<32 hex digits>_<43 characters>` as shown once when made "
                + "(also accepted as `Authorization: Key <key>`). A request without a valid key or session is a 401 "
                + "whose `detail` says what was wrong.")
@SecurityScheme(name = "session", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "End-user session JWT (`Authorization: Bearer <token>`) for one app and user. Minted by "
                + "`POST /v1/users/{id}/sessions`, or signed by your own server: HS256 with the app's `jwtSecret` (its UTF-8 "
                + "bytes, shown when the app is made), or RS256/ES256 with a key published at the app's `jwksUrl`. Claims: "
                + "`sub` the user's id (required), `exp` the expiry in seconds since the epoch (required), `aud` the app's id "
                + "(or an `app` claim with it; one of them is required; `aud` may be a list holding the app's id), optional "
                + "`org` the app's org id. A refused token is a 401 whose `detail` says why: malformed, no app id, unknown "
                + "app, signature not verifying, expired, missing claims.")
public class Application {

    public static void main(String[] args) {
        EmbeddedDefaults embedded = EmbeddedDefaults.apply();
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).start();
        // Micronaut's own hook stops the context; the embedded database must outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitStopped(context);
            embedded.close();
        }, "herald-embedded-shutdown"));
    }

    private static void awaitStopped(ApplicationContext context) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (context.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
