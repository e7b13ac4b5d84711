package dev.herald.api.tenancy;

import dev.herald.activities.provider.webpush.VapidKeys;
import dev.herald.activities.provider.webpush.WebPushSettings;
import dev.herald.api.error.ProblemResponses;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.security.JwksKeys;
import dev.herald.api.web.Ids;
import dev.herald.api.web.Page;
import dev.herald.domain.FieldError;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.tenancy.Scope;
import dev.herald.domain.tenancy.TenancyService;
import dev.herald.domain.user.UserProfileRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ProblemResponses
@Tag(name = "Apps")
@Controller("/v1/apps")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppController {

    private final TenancyService tenancy;
    private final CredentialService credentials;
    private final JwksKeys jwks;
    private final WebPushSettings webPushSettings;

    public AppController(TenancyService tenancy, CredentialService credentials, JwksKeys jwks, WebPushSettings webPushSettings) {
        this.tenancy = tenancy;
        this.credentials = credentials;
        this.jwks = jwks;
        this.webPushSettings = webPushSettings;
    }

    @Operation(summary = "Create an app; its session-signing secret is shown once")
    @Post
    public HttpResponse<TenancyViews.AppCreated> create(Authentication authentication, @Valid @Body TenancyRequests.CreateApp request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        UserProfileRules.checkTimezone("defaultTimezone", request.defaultTimezone(), errors);
        if (request.jwksUrl() != null) {
            jwks.checkAtRegistration(request.jwksUrl()).ifPresent(reason -> errors.add(new FieldError("jwksUrl", reason)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (tenancy.appNameTaken(caller.orgId(), request.name())) {
            throw ApiException.conflict("app_name_taken", "The org already has an app named '" + request.name() + "'");
        }
        var created = tenancy.createApp(caller.orgId(), request.name(), request.defaultTimezone(), request.jwksUrl());
        return HttpResponse.created(TenancyViews.AppCreated.of(created.app(), created.jwtSecret()));
    }

    @Operation(summary = "List the org's apps")
    @Get
    public Page<TenancyViews.AppView> list(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return Page.all(tenancy.apps(caller.orgId()).stream().map(TenancyViews.AppView::of).toList());
    }

    @Operation(summary = "Read an app")
    @Get("/{appId}")
    public TenancyViews.AppView get(Authentication authentication, @PathVariable String appId) {
        Caller caller = Caller.of(authentication);
        Access.requireServer(caller);
        return TenancyViews.AppView.of(tenancy.app(caller.orgId(), Ids.parse(appId, "App")));
    }

    @Operation(summary = "Set the app's APNs credential: a token-auth .p8 key, or a .p12 push certificate (base64) with its password; stored sealed, shown as a fingerprint")
    @Put("/{appId}/credentials/apns")
    public TenancyViews.CredentialView putApns(Authentication authentication, @PathVariable String appId,
                                               @Valid @Body TenancyRequests.PutApnsCredential request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.CredentialView.of(credentials.putApns(caller.orgId(), Ids.parse(appId, "App"), request));
    }

    @Operation(summary = "Set the app's FCM credential (a Firebase service account's JSON key file); stored sealed, shown as a fingerprint")
    @Put("/{appId}/credentials/fcm")
    public TenancyViews.CredentialView putFcm(Authentication authentication, @PathVariable String appId,
                                              @Valid @Body TenancyRequests.PutFcmCredential request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.CredentialView.of(credentials.putFcm(caller.orgId(), Ids.parse(appId, "App"), request));
    }

    @Operation(summary = "Set the app's Web Push credential: import a VAPID key pair (stored sealed) and/or set the VAPID contact "
            + "(subject) its pushes are signed with; with only a subject the app's own pair is kept")
    @Put("/{appId}/credentials/webpush")
    public TenancyViews.CredentialView putWebPush(Authentication authentication, @PathVariable String appId,
                                                  @Valid @Body TenancyRequests.PutWebPushCredential request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.CredentialView.of(credentials.putWebPush(caller.orgId(), Ids.parse(appId, "App"), request));
    }

    @Operation(summary = "Set the OneSignal app (id and REST API key) that the app's ONESIGNAL devices are forwarded to; stored sealed")
    @Put("/{appId}/credentials/onesignal")
    public TenancyViews.CredentialView putOneSignal(Authentication authentication, @PathVariable String appId,
                                                    @Valid @Body TenancyRequests.PutOneSignalCredential request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.CredentialView.of(credentials.putOneSignal(caller.orgId(), Ids.parse(appId, "App"), request));
    }

    @Operation(summary = "Generate the app's VAPID key pair for Web Push (409 if it has one); with a subject (contact) its "
            + "Web Push devices are pushed for real, else only browsers can subscribe and pushes are captured or fail as webpush:no_credentials")
    @Post("/{appId}/webpush/vapid-keys")
    public HttpResponse<TenancyViews.VapidKeysCreated> createVapidKeys(Authentication authentication, @PathVariable String appId,
                                                                      @Valid @Nullable @Body TenancyRequests.CreateVapidKeys request) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        var created = credentials.createVapidKeys(caller.orgId(), Ids.parse(appId, "App"), request == null ? null : request.subject());
        return HttpResponse.created(new TenancyViews.VapidKeysCreated(created.settings().get(VapidKeys.PUBLIC_KEY),
                created.settings().get(VapidKeys.SUBJECT), VapidKeys.contact(created, webPushSettings.subject()).isPresent()));
    }

    @Operation(summary = "The app's VAPID public key (applicationServerKey for pushManager.subscribe); only reads it: "
            + "404 while the app has no key pair")
    @Get("/{appId}/webpush/vapid-public-key")
    public TenancyViews.VapidPublicKey vapidPublicKey(Authentication authentication, @PathVariable String appId) {
        Caller caller = Caller.of(authentication);
        UUID id = Ids.parse(appId, "App");
        if (!caller.isServer() && !id.equals(caller.appId())) {
            // a session belongs to one app: another app of the org is none of its business
            throw new NotFoundException("App " + appId);
        }
        return new TenancyViews.VapidPublicKey(credentials.vapidPublicKey(caller.orgId(), id));
    }

    @Operation(summary = "Read one of the app's provider credentials (apns, fcm, webpush, onesignal): settings and fingerprint")
    @Get("/{appId}/credentials/{kind}")
    public TenancyViews.CredentialView getCredential(Authentication authentication, @PathVariable String appId, @PathVariable String kind) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return TenancyViews.CredentialView.of(credentials.get(caller.orgId(), Ids.parse(appId, "App"), kind));
    }

    @Operation(summary = "List the app's provider credentials (fingerprints, never secrets)")
    @Get("/{appId}/credentials")
    public Page<TenancyViews.CredentialView> listCredentials(Authentication authentication, @PathVariable String appId) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        return Page.all(credentials.list(caller.orgId(), Ids.parse(appId, "App")).stream().map(TenancyViews.CredentialView::of).toList());
    }

    @Operation(summary = "Remove one of the app's provider credentials; its devices then go to the capture provider")
    @Delete("/{appId}/credentials/{kind}")
    public HttpResponse<Void> deleteCredential(Authentication authentication, @PathVariable String appId, @PathVariable String kind) {
        Caller caller = Caller.of(authentication);
        Access.requireScope(caller, Scope.ADMIN);
        if (!credentials.delete(caller.orgId(), Ids.parse(appId, "App"), kind)) {
            throw new NotFoundException("Credential " + kind);
        }
        return HttpResponse.noContent();
    }
}
