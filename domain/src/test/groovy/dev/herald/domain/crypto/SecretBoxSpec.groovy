package dev.herald.domain.crypto

import spock.lang.Specification

class SecretBoxSpec extends Specification {

    static final String K1 = 'k1:' + Base64.encoder.encodeToString(('a' * 32).bytes)
    static final String K2 = 'k2:' + Base64.encoder.encodeToString(('b' * 32).bytes)

    def "a sealed secret opens to what was sealed, under a fresh nonce each time"() {
        given:
        def box = SecretBox.fromSpec(K1)

        when:
        def first = box.seal('-----BEGIN PRIVATE KEY-----')
        def second = box.seal('-----BEGIN PRIVATE KEY-----')

        then:
        first.startsWith('v1:k1:')
        first != second
        box.openString(first) == '-----BEGIN PRIVATE KEY-----'
        box.openString(second) == '-----BEGIN PRIVATE KEY-----'
    }

    def "a tampered value fails authentication"() {
        given:
        def box = SecretBox.fromSpec(K1)
        def sealed = box.seal('secret')
        def bytes = Base64.decoder.decode(sealed.split(':')[2])
        bytes[bytes.length - 1] ^= 1

        when:
        box.open('v1:k1:' + Base64.encoder.encodeToString(bytes))

        then:
        thrown(IllegalStateException)
    }

    def "after the active key changes, old values still open and reseal moves them to the new key"() {
        given:
        def old = SecretBox.fromSpec(K1).seal('secret')
        def rotated = SecretBox.fromSpec("$K2,$K1")

        expect:
        rotated.openString(old) == 'secret'
        rotated.reseal(old).startsWith('v1:k2:')
        rotated.openString(rotated.reseal(old)) == 'secret'
        SecretBox.fromSpec(K2).openString(rotated.reseal(old)) == 'secret'
    }

    def "a value sealed under a key that is not configured cannot be opened"() {
        when:
        SecretBox.fromSpec(K2).open(SecretBox.fromSpec(K1).seal('x'))

        then:
        def e = thrown(IllegalStateException)
        e.message.contains("'k1'")
    }

    def "#spec is refused as a master key"() {
        when:
        SecretBox.fromSpec(spec)

        then:
        thrown(IllegalArgumentException)

        where:
        spec << ['', 'nocolon', 'k1:' + Base64.encoder.encodeToString(('a' * 16).bytes)]
    }

    def "fingerprints are stable, short and reveal nothing"() {
        expect:
        SecretBox.fingerprint('abc'.bytes) == SecretBox.fingerprint('abc'.bytes)
        SecretBox.fingerprint('abc'.bytes) != SecretBox.fingerprint('abd'.bytes)
        SecretBox.fingerprint('abc'.bytes) ==~ /sha256:[0-9a-f]{16}/
    }
}
