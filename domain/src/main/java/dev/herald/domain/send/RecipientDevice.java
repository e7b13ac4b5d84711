package dev.herald.domain.send;

import dev.herald.domain.user.DeviceProvider;

import java.util.UUID;

/** A device a send goes to, with what delivery needs and nothing more. */
public record RecipientDevice(UUID deviceId,
                              UUID appId,
                              UUID userId,
                              DeviceProvider provider,
                              String token,
                              String webPushP256dh,
                              String webPushAuth,
                              String locale,
                              String timezone) {
}
