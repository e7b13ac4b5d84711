package dev.herald.api.config;

import dev.herald.domain.crypto.SecretBox;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

@Factory
public class CryptoFactory {

    @Singleton
    SecretBox secretBox(HeraldSettings settings) {
        if (settings.masterKeys() == null || settings.masterKeys().isBlank()) {
            throw new ConfigurationException("Set HERALD_MASTER_KEYS (id:base64 of 32 random bytes, e.g. "
                    + SecretBox.newKeySpec("k1") + "): it seals provider credentials");
        }
        return SecretBox.fromSpec(settings.masterKeys());
    }
}
