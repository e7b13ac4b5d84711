package dev.herald.api.liveactivity;

import dev.herald.activities.provider.apns.LiveActivityNotifications;
import dev.herald.api.error.ApiException;
import dev.herald.api.security.Access;
import dev.herald.api.security.Caller;
import dev.herald.api.temporal.TemporalLinks;
import dev.herald.api.user.DeviceService;
import dev.herald.api.web.Ids;
import dev.herald.domain.FieldError;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.liveactivity.LiveActivity;
import dev.herald.domain.liveactivity.LiveActivityOrigin;
import dev.herald.domain.liveactivity.LiveActivityPlatform;
import dev.herald.domain.liveactivity.LiveActivityRules;
import dev.herald.domain.liveactivity.LiveActivityStore;
import dev.herald.domain.liveactivity.StartTokenStore;
import dev.herald.domain.liveactivity.StateUpdate;
import dev.herald.domain.policy.PayloadLimits;
import dev.herald.domain.tenancy.App;
import dev.herald.domain.user.Device;
import dev.herald.domain.user.DeviceProvider;
import dev.herald.domain.user.DeviceStore;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import dev.herald.workflows.liveactivity.EndRequest;
import dev.herald.workflows.liveactivity.LiveActivityInput;
import dev.herald.workflows.liveactivity.UpdateReceipt;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Live activities: checks requests, keeps the record and tokens in PostgreSQL, drives each activity's workflow. */
@Singleton
public class LiveActivityService {

    private final LiveActivityStore store;
    private final StartTokenStore startTokens;
    private final UserStore users;
    private final DeviceStore devices;
    private final DeviceService deviceService;
    private final LiveActivityRuns runs;
    private final LiveActivitySettings settings;
    private final TemporalLinks links;

    public LiveActivityService(LiveActivityStore store, StartTokenStore startTokens, UserStore users, DeviceStore devices,
                               DeviceService deviceService, LiveActivityRuns runs, LiveActivitySettings settings,
                               TemporalLinks links) {
        this.store = store;
        this.startTokens = startTokens;
        this.users = users;
        this.devices = devices;
        this.deviceService = deviceService;
        this.runs = runs;
        this.settings = settings;
        this.links = links;
    }

    public record Started(LiveActivityViews.LiveActivityView activity, boolean created) {
    }

    public Started start(Caller caller, LiveActivityRequests.StartActivity r) {
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>();
        LiveActivityRules.checkActivityType("activityType", r.activityType(), errors);
        LiveActivityRules.checkExternalId("externalId", r.externalId(), errors);
        StateUpdate initial = new StateUpdate(r.contentState(), r.alert(), r.staleDate(), r.relevanceScore(), null, r.timestamp(), now);
        LiveActivityRules.checkUpdate("", initial, true, now, errors);
        LiveActivityPlatform platform = parse(LiveActivityPlatform.class, "platform", r.platform(), errors);
        LiveActivityOrigin origin = r.origin() == null
                ? (r.updateToken() != null ? LiveActivityOrigin.LOCAL : LiveActivityOrigin.REMOTE)
                : parse(LiveActivityOrigin.class, "origin", r.origin(), errors);
        if (r.updateToken() != null) {
            LiveActivityRules.checkApnsToken("updateToken", r.updateToken(), errors);
            if (origin == LiveActivityOrigin.REMOTE) {
                errors.add(new FieldError("updateToken", "comes from an activity the app started (origin local); "
                        + "after a remote start the app reports it with PUT /v1/live-activities/{id}/update-token"));
            }
        }
        if (caller.isServer() && (r.userId() == null || r.userId().isBlank())) {
            errors.add(new FieldError("userId", "is required: the user whose device shows the activity"));
        }
        if (errors.isEmpty()) {
            // the start push carries Herald's id among the attributes too (LiveActivity#startAttributes): count it
            Map<String, Object> startAttributes = new java.util.LinkedHashMap<>(r.attributes() == null ? Map.of() : r.attributes());
            startAttributes.putIfAbsent(LiveActivity.HERALD_ACTIVITY_ID, new UUID(0, 0).toString());
            checkPayload(LiveActivityNotifications.Event.START, initial, null, r.activityType(), startAttributes, "contentState", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String userId = Access.actingUser(caller, r.userId() == null ? caller.userId() : r.userId());
        App app = deviceService.appFor(caller, r.appId());
        User user = users.get(caller.orgId(), userId);
        Device device = resolveDevice(user, app, r, platform, origin);
        LiveActivityPlatform devicePlatform = LiveActivityPlatform.of(device.provider()).orElseThrow();
        Map<String, Object> attributes = r.attributes() == null ? Map.of() : r.attributes();

        var created = store.create(new LiveActivityStore.NewActivity(caller.orgId(), app.id(), user.id(), device.id(),
                r.externalId(), devicePlatform, origin, r.activityType(), attributes, r.contentState(), r.staleDate(),
                r.relevanceScore(), r.updateToken()));
        LiveActivity activity = created.activity();
        if (!created.created()) {
            return new Started(adoptAgain(activity, device, r), false);
        }
        String summary = "Live activity " + r.activityType() + " for " + userId + " on " + devicePlatform.name().toLowerCase(Locale.ROOT)
                + (origin == LiveActivityOrigin.REMOTE ? " (started by push)" : " (started by the app)");
        runs.start(activity, LiveActivityInput.fresh(activity.id(), devicePlatform.name(), origin == LiveActivityOrigin.REMOTE,
                initial, settings.maxLifetime(devicePlatform), settings.minUpdateInterval()), summary);
        return new Started(view(store.getById(activity.id())), true);
    }

    /** The same external id again: a retried start, or the app reporting the token of an activity started by push. */
    private LiveActivityViews.LiveActivityView adoptAgain(LiveActivity existing, Device device, LiveActivityRequests.StartActivity r) {
        if (!device.id().equals(existing.deviceId()) || !existing.activityType().equals(r.activityType())) {
            throw ApiException.conflict("external_id_taken",
                    "The app already has a live activity with external id '" + r.externalId() + "' on another device or of another type");
        }
        if (!existing.active()) {
            throw ApiException.conflict("activity_ended", "The live activity with external id '" + r.externalId() + "' has ended");
        }
        if (r.updateToken() != null && !r.updateToken().equals(existing.updateToken())) {
            store.setUpdateToken(existing.id(), r.updateToken());
            runs.tokenChanged(existing);
        }
        return view(store.getById(existing.id()));
    }

    private Device resolveDevice(User user, App app, LiveActivityRequests.StartActivity r, LiveActivityPlatform platform,
                                 LiveActivityOrigin origin) {
        Device device;
        if (r.deviceId() != null) {
            device = devices.find(user.orgId(), Ids.parse(r.deviceId(), "Device"))
                    .filter(d -> d.userId().equals(user.id()) && d.appId().equals(app.id()))
                    .orElseThrow(() -> new NotFoundException("Device " + r.deviceId()));
            LiveActivityPlatform devicePlatform = LiveActivityPlatform.of(device.provider()).orElseThrow(() ->
                    ApiException.invalid("deviceId", "live activities run on iOS (APNs) and Android (FCM) devices; this one is "
                            + device.provider()));
            if (platform != null && platform != devicePlatform) {
                throw ApiException.invalid("platform", "does not match the device, which is " + devicePlatform.name().toLowerCase(Locale.ROOT));
            }
            if (!device.enabled()) {
                throw ApiException.invalid("deviceId", "the device is disabled: its push service called its token invalid");
            }
        } else {
            List<Device> candidates = devices.listForUser(user.id()).stream()
                    .filter(d -> d.appId().equals(app.id()) && d.enabled())
                    .filter(d -> LiveActivityPlatform.of(d.provider()).map(p -> platform == null || p == platform).orElse(false))
                    .filter(d -> !needsStartToken(d, origin) || startTokens.find(d.id(), r.activityType()).isPresent())
                    .toList();
            if (candidates.size() != 1) {
                throw ApiException.invalid("deviceId", candidates.isEmpty()
                        ? "the user has no " + (origin == LiveActivityOrigin.REMOTE ? "device that can start " + r.activityType() + " by push"
                        + " (an Android device, or an iOS device with a push-to-start token)" : "iOS or Android device") + " in this app"
                        : "is required: the user has " + candidates.size() + " devices that could show the activity");
            }
            device = candidates.get(0);
        }
        if (needsStartToken(device, origin) && startTokens.find(device.id(), r.activityType()).isEmpty()) {
            throw ApiException.invalid("deviceId", "has no push-to-start token for " + r.activityType()
                    + "; the app reports one with PUT /v1/users/{userId}/devices/{deviceId}/live-activity-start-tokens/" + r.activityType());
        }
        return device;
    }

    private static boolean needsStartToken(Device device, LiveActivityOrigin origin) {
        return origin == LiveActivityOrigin.REMOTE && LiveActivityPlatform.of(device.provider()).orElse(null) == LiveActivityPlatform.IOS;
    }

    public LiveActivityViews.LiveActivityView get(Caller caller, String id) {
        return view(visible(caller, id));
    }

    public List<LiveActivity> list(Caller caller, String appId, String status, String after, int limit) {
        Access.requireServer(caller);
        UUID app = appId == null ? null : deviceService.appFor(caller, appId).id();
        var wanted = switch (status == null ? "active" : status.toLowerCase(Locale.ROOT)) {
            case "active" -> dev.herald.domain.liveactivity.LiveActivityStatus.ACTIVE;
            case "ended" -> dev.herald.domain.liveactivity.LiveActivityStatus.ENDED;
            case "all" -> null;
            default -> throw ApiException.invalid("status", "must be one of active, ended, all");
        };
        return store.list(caller.orgId(), app, wanted, Ids.cursor(after), limit);
    }

    /** Either an accepted update, or (for a OneSignal-style {@code event: end}) the ended activity. */
    public Object update(Caller caller, String id, LiveActivityRequests.UpdateActivity r) {
        Access.requireServer(caller);
        LiveActivity activity = visible(caller, id);
        if (r.oneSignalShape()) {
            return OneSignalEvents.isEnd(r) ? end(activity, OneSignalEvents.toEnd(r)) : applyUpdate(activity, OneSignalEvents.toUpdate(r));
        }
        List<FieldError> errors = new ArrayList<>();
        StateUpdate update = new StateUpdate(r.contentState(), r.alert(), r.staleDate(), r.relevanceScore(), r.priority(), r.timestamp());
        LiveActivityRules.checkUpdate("", update, true, Instant.now(), errors);
        if (errors.isEmpty()) {
            checkPayload(LiveActivityNotifications.Event.UPDATE, update, null, null, null, "contentState", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return applyUpdate(activity, update);
    }

    private LiveActivityViews.UpdateAccepted applyUpdate(LiveActivity activity, StateUpdate update) {
        requireActive(activity);
        UpdateReceipt receipt = runs.update(activity, update.receivedAt(Instant.now()));
        return new LiveActivityViews.UpdateAccepted(receipt.coalesced(), receipt.pushAt(), view(activity));
    }

    public LiveActivityViews.LiveActivityView end(Caller caller, String id, LiveActivityRequests.EndActivity r) {
        LiveActivity activity = visible(caller, id);
        List<FieldError> errors = new ArrayList<>();
        LiveActivityRules.checkAlert("alert", r == null ? null : r.alert(), errors);
        EndRequest request = r == null ? new EndRequest(null, null, null, null)
                : new EndRequest(r.contentState(), r.alert(), r.dismissalDate(), r.timestamp());
        if (errors.isEmpty() && request.contentState() != null) {
            checkPayload(LiveActivityNotifications.Event.END,
                    new StateUpdate(request.contentState(), request.alert(), null, null, null, request.timestamp()),
                    request.dismissalDate(), null, null, "contentState", errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return end(activity, request);
    }

    private LiveActivityViews.LiveActivityView end(LiveActivity activity, EndRequest request) {
        requireActive(activity);
        runs.end(activity, request.receivedAt(Instant.now()));
        return view(store.getById(activity.id()));
    }

    /** The app reports the push token ActivityKit gave this activity; a state it missed goes out again. */
    public LiveActivityViews.LiveActivityView putUpdateToken(Caller caller, String id, LiveActivityRequests.PutToken r) {
        LiveActivity activity = visible(caller, id);
        List<FieldError> errors = new ArrayList<>();
        LiveActivityRules.checkApnsToken("token", r.token(), errors);
        if (errors.isEmpty() && activity.platform() != LiveActivityPlatform.IOS) {
            errors.add(new FieldError("token", "Android Live Updates use the device's FCM token; they have no update token"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        requireActive(activity);
        store.setUpdateToken(activity.id(), r.token());
        runs.tokenChanged(activity);
        return view(store.getById(activity.id()));
    }

    public LiveActivityViews.LiveActivityView view(LiveActivity activity) {
        return LiveActivityViews.LiveActivityView.of(activity, runs.state(activity).orElse(null), links.workflow(activity.workflowId()));
    }

    /**
     * An activity the caller may act on: any of the org's for a server; for a client session only
     * its own user's, in its own app.
     */
    private LiveActivity visible(Caller caller, String id) {
        LiveActivity activity = store.get(caller.orgId(), Ids.parse(id, "Live activity"));
        if (!caller.isServer()) {
            if (!activity.appId().equals(caller.appId())) {
                throw new NotFoundException("Live activity " + id);
            }
            if (!caller.userId().equals(activity.externalUserId())) {
                throw ApiException.forbidden("cannot_act_as_another_user", "Cannot act as another user");
            }
        }
        return activity;
    }

    private static void requireActive(LiveActivity activity) {
        if (!activity.active()) {
            throw ApiException.conflict("activity_ended", "The live activity has ended"
                    + (activity.endReason() != null ? " (" + activity.endReason() + ")" : ""));
        }
    }

    /**
     * Live activity pushes obey the APNs 4 KB limit: each request is checked here, and each push
     * again at delivery (a burst's merged update keeps an earlier alert with the latest state).
     */
    static void checkPayload(LiveActivityNotifications.Event event, StateUpdate update, Instant dismissalDate, String activityType,
                             Map<String, Object> attributes, String field, List<FieldError> errors) {
        StateUpdate timed = update.timestamp() == null ? update.at(Instant.now()) : update;
        int bytes = LiveActivityNotifications.payload(event, timed, dismissalDate, activityType, attributes)
                .getBytes(StandardCharsets.UTF_8).length;
        PayloadLimits.check(DeviceProvider.APNS, bytes).ifPresent(message -> errors.add(new FieldError(field,
                "makes the push too large: " + message)));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList())));
            return null;
        }
    }

    // ---- push-to-start tokens of a user's device

    public record StartTokenPut(LiveActivityViews.StartTokenView token, boolean created) {
    }

    public StartTokenPut putStartToken(Caller caller, String userId, String deviceId, String activityType,
                                       LiveActivityRequests.PutToken r) {
        Device device = ownDevice(caller, userId, deviceId);
        List<FieldError> errors = new ArrayList<>();
        LiveActivityRules.checkActivityType("activityType", activityType, errors);
        LiveActivityRules.checkApnsToken("token", r.token(), errors);
        if (LiveActivityPlatform.of(device.provider()).orElse(null) != LiveActivityPlatform.IOS) {
            errors.add(new FieldError("deviceId", "push-to-start tokens belong to iOS devices (APNs); this one is " + device.provider()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var put = startTokens.put(device.orgId(), device.appId(), device.id(), activityType, r.token());
        return new StartTokenPut(LiveActivityViews.StartTokenView.of(put.token()), put.created());
    }

    public List<LiveActivityViews.StartTokenView> listStartTokens(Caller caller, String userId, String deviceId) {
        Device device = ownDevice(caller, userId, deviceId);
        return startTokens.list(device.id()).stream().map(LiveActivityViews.StartTokenView::of).toList();
    }

    public void deleteStartToken(Caller caller, String userId, String deviceId, String activityType) {
        Device device = ownDevice(caller, userId, deviceId);
        if (!startTokens.delete(device.id(), activityType)) {
            throw new NotFoundException("Push-to-start token for " + activityType);
        }
    }

    /** A device of the user the caller acts for (S1 device rules), in the session's app for a client. */
    private Device ownDevice(Caller caller, String pathUserId, String deviceId) {
        String userId = Access.actingUser(caller, pathUserId);
        User user = users.get(caller.orgId(), userId);
        return devices.find(caller.orgId(), Ids.parse(deviceId, "Device"))
                .filter(d -> d.userId().equals(user.id()))
                .filter(d -> caller.isServer() || d.appId().equals(caller.appId()))
                .orElseThrow(() -> new NotFoundException("Device " + deviceId));
    }
}
