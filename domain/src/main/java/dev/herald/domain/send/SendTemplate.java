package dev.herald.domain.send;

import dev.herald.domain.segment.AudienceFilters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A send to make again and again (a recurring send): its content, its one target and its
 * delivery options, stored as JSON and turned into a {@link NewSend} at each firing.
 */
@Serdeable
public record SendTemplate(PushContent content,
                           @Nullable List<String> userIds,
                           @Nullable List<String> tokens,
                           @Nullable UUID segmentId,
                           @Nullable Map<String, Object> filter,
                           @Nullable String deliverAtLocalTime,
                           @Nullable Integer ratePerSecond) {

    public static SendTemplate of(NewSend send) {
        SendTarget target = send.target();
        return new SendTemplate(send.content(),
                target instanceof SendTarget.Users users ? users.externalIds() : null,
                target instanceof SendTarget.Tokens tokens ? tokens.tokens() : null,
                target instanceof SendTarget.Audience audience ? audience.segmentId() : null,
                target instanceof SendTarget.Audience audience && audience.filter() != null
                        ? castMap(AudienceFilters.toJson(audience.filter())) : null,
                send.deliverAtLocalTime() == null ? null : send.deliverAtLocalTime().toString(),
                send.ratePerSecond());
    }

    public NewSend toNewSend(UUID orgId, UUID recurringSendId) {
        SendTarget target;
        if (userIds != null) {
            target = new SendTarget.Users(userIds);
        } else if (tokens != null) {
            target = new SendTarget.Tokens(tokens);
        } else if (segmentId != null) {
            target = new SendTarget.Audience(segmentId, null);
        } else {
            target = new SendTarget.Audience(null, AudienceFilters.parse(filter, "filter").filter());
        }
        LocalTime localTime = deliverAtLocalTime == null ? null : LocalTime.parse(deliverAtLocalTime);
        return new NewSend(orgId, content, target, null, localTime, ratePerSecond, recurringSendId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object json) {
        return (Map<String, Object>) json;
    }
}
