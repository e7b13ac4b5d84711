package dev.herald.api.user;

import dev.herald.activities.provider.webpush.EndpointGuard;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Caller;
import dev.herald.api.web.Ids;
import dev.herald.domain.FieldError;
import dev.herald.domain.event.Event;
import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventStore;
import dev.herald.domain.tenancy.App;
import dev.herald.domain.tenancy.TenancyService;
import dev.herald.domain.user.DeviceProvider;
import dev.herald.domain.user.DeviceStore;
import dev.herald.domain.user.DeviceTokenRules;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserProfileRules;
import dev.herald.domain.user.UserStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Device registration: which app and user a token belongs to, and whether it is well-formed. */
@Singleton
public class DeviceService {

    private static final String PROVIDERS = Arrays.stream(DeviceProvider.values()).map(Enum::name).collect(Collectors.joining(", "));

    private final TenancyService tenancy;
    private final UserStore users;
    private final DeviceStore devices;
    private final EndpointGuard endpointGuard;
    private final EventIntake intake;

    public DeviceService(TenancyService tenancy, UserStore users, DeviceStore devices, EndpointGuard endpointGuard, EventIntake intake) {
        this.intake = intake;
        this.tenancy = tenancy;
        this.users = users;
        this.devices = devices;
        this.endpointGuard = endpointGuard;
    }

    @Transactional
    public DeviceStore.Registered register(Caller caller, String externalUserId, UserRequests.RegisterDevice request) {
        List<FieldError> errors = new ArrayList<>();
        DeviceProvider provider = parseProvider(request.provider(), errors);
        if (provider != null) {
            var keys = request.keys();
            errors.addAll(DeviceTokenRules.validate(provider, request.token(),
                    keys == null ? null : keys.p256dh(), keys == null ? null : keys.auth()));
        }
        if (provider == DeviceProvider.WEBPUSH && errors.isEmpty()) {
            // the endpoint is attacker-supplied: never one inside our network (checked again at send time)
            endpointGuard.checkAtRegistration(request.token()).ifPresent(reason -> errors.add(new FieldError("token", reason)));
        }
        UserProfileRules.checkLocale("locale", request.locale(), errors);
        UserProfileRules.checkTimezone("timezone", request.timezone(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        App app = appFor(caller, request.appId());
        User user = caller.isServer()
                ? users.get(caller.orgId(), externalUserId)
                // a client session may register before the server has upserted its user
                : users.upsert(caller.orgId(), externalUserId, UserStore.ProfileChange.none()).user();
        boolean webPush = provider == DeviceProvider.WEBPUSH;
        var registered = devices.register(caller.orgId(), app.id(), user.id(), new DeviceStore.Registration(provider, request.token(),
                webPush ? request.keys().p256dh() : null, webPush ? request.keys().auth() : null,
                request.platform(), request.locale(), request.timezone(), request.appVersion()));
        if (registered.moved()) {
            // the user who lost the device hears of it; in this transaction, so a failed dispatch undoes the move too
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("deviceId", registered.device().id().toString());
            properties.put("provider", provider.name());
            properties.put("takenByUserId", user.externalId());
            intake.record(EventStore.NewEvent.observed(caller.orgId(), app.id(), registered.previousUserId(),
                    Event.DEVICE_TAKEOVER, properties));
        }
        return registered;
    }

    /** A session is bound to its app; a server names the app unless the org has only one. */
    public App appFor(Caller caller, String requestedAppId) {
        if (!caller.isServer()) {
            return tenancy.app(caller.orgId(), caller.appId());
        }
        if (requestedAppId != null) {
            return tenancy.app(caller.orgId(), Ids.field(requestedAppId, "appId"));
        }
        List<App> apps = tenancy.apps(caller.orgId());
        if (apps.size() != 1) {
            throw ApiException.invalid("appId", "is required: the org has " + apps.size() + " apps");
        }
        return apps.get(0);
    }

    private static DeviceProvider parseProvider(String value, List<FieldError> errors) {
        try {
            return DeviceProvider.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError("provider", "must be one of " + PROVIDERS));
            return null;
        }
    }
}
