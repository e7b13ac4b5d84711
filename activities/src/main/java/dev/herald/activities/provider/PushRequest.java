package dev.herald.activities.provider;

import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.RecipientDevice;

import java.util.UUID;

/** One push to one device; {@code credential} is absent when the capture provider handles it. */
public record PushRequest(UUID orgId, UUID sendId, RecipientDevice device, PushContent content, StoredCredential credential) {
}
