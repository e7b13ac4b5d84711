package dev.herald.activities.provider;

import dev.herald.activities.provider.apns.ApnsNotifications;
import dev.herald.activities.provider.fcm.FcmMessages;
import dev.herald.activities.provider.onesignal.OneSignalMessages;
import dev.herald.activities.provider.webpush.WebPushMessages;
import dev.herald.domain.FieldError;
import dev.herald.domain.policy.PayloadLimits;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushContentRules;
import dev.herald.domain.send.PushType;
import dev.herald.domain.user.DeviceProvider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Renders a send's content for each push service and checks it against that service's limit
 * (S3), so an oversize push is refused at the API rather than failing at delivery.
 */
public final class PayloadSizes {

    private static final UUID PROBE_SEND_ID = new UUID(0, 0);
    /** Long enough for any real token: the size check errs on the large side. */
    private static final String PROBE_FCM_TOKEN = "x".repeat(256);

    private PayloadSizes() {
    }

    /** The rendered payload size of a content for a provider, in bytes. */
    public static int bytes(DeviceProvider provider, PushContent content) {
        String rendered = switch (provider.family()) {
            case APNS -> ApnsNotifications.payload(content, PROBE_SEND_ID);
            case FCM -> FcmMessages.json(FcmMessages.message(PROBE_FCM_TOKEN, content, PROBE_SEND_ID));
            case WEBPUSH -> new String(WebPushMessages.payloadBytes(content, PROBE_SEND_ID), StandardCharsets.UTF_8);
            case ONESIGNAL -> PushPayloads.json(OneSignalMessages.body("", "", content, PROBE_SEND_ID, PROBE_SEND_ID));
        };
        return rendered.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The refusal of a push whose payload, as rendered for one device, is over its service's
     * limit (personalised text can outgrow what the API checked; APNs would answer 413): one
     * check for the real providers and the capture provider alike, so neither sends it.
     */
    public static Optional<ProviderOutcome> refusal(DeviceProvider provider, int payloadBytes) {
        return PayloadLimits.check(provider, payloadBytes)
                .map(tooLarge -> OutcomeRules.refused(OutcomeRules.channel(provider.family()), "payload_too_large"));
    }

    /** {@link #refusal(DeviceProvider, int)} of a rendered JSON payload. */
    public static Optional<ProviderOutcome> refusal(DeviceProvider provider, String renderedJson) {
        return refusal(provider, renderedJson.getBytes(StandardCharsets.UTF_8).length);
    }

    /** One field error per limit the content breaks, blaming its largest part. */
    public static List<FieldError> check(PushContent content) {
        List<FieldError> errors = new ArrayList<>();
        // a VoIP push goes to PushKit tokens only, which take 5 KB; everything else must fit every service
        List<DeviceProvider> providers = content.effectivePushType() == PushType.VOIP
                ? List.of(DeviceProvider.APNS_VOIP)
                : List.of(DeviceProvider.APNS, DeviceProvider.FCM, DeviceProvider.WEBPUSH);
        for (DeviceProvider provider : providers) {
            Optional<String> problem = PayloadLimits.check(provider, bytes(provider, content));
            if (problem.isPresent()) {
                int dataBytes = content.data() == null ? 0 : PushPayloads.json(content.data()).getBytes(StandardCharsets.UTF_8).length;
                errors.add(new FieldError(PushContentRules.largestPart(content, dataBytes), "makes the push too large: " + problem.get()));
                break;
            }
        }
        return errors;
    }
}
