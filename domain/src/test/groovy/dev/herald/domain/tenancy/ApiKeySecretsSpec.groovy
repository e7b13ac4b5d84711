package dev.herald.domain.tenancy

import spock.lang.Specification

class ApiKeySecretsSpec extends Specification {

    def "a formatted key parses back to its id and secret"() {
        given:
        def id = UUID.randomUUID()
        def secret = ApiKeySecrets.newSecret()

        expect:
        ApiKeySecrets.parse(ApiKeySecrets.format(id, secret)).get() == new ApiKeySecrets.Parsed(id, secret)
        ApiKeySecrets.matches(secret, ApiKeySecrets.hash(secret))
        !ApiKeySecrets.matches(secret + 'x', ApiKeySecrets.hash(secret))
    }

    def "'#key' is not an API key"() {
        expect:
        ApiKeySecrets.parse(key).isEmpty()

        where:
        key << ['', 'hk_', 'hk_123_abc', 'hk_' + 'g' * 32 + '_' + 'a' * 43, 'hk_' + 'a' * 32 + '_' + 'a' * 42, 'eyJhbGciOi.x.y']
    }
}
