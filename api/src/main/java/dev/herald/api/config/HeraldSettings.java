package dev.herald.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * @param masterKeys      {@code id:base64key[,…]} AES-256 keys sealing provider secrets; the first seals new ones
 * @param bootstrapApiKey the admin key to create on an empty database instead of a random one
 */
@ConfigurationProperties("herald")
public record HeraldSettings(@Nullable String masterKeys, @Nullable String bootstrapApiKey) {
}
