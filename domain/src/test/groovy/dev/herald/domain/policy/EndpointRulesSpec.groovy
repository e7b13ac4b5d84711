package dev.herald.domain.policy

import spock.lang.Specification

class EndpointRulesSpec extends Specification {

    def "address #address is #verdict"() {
        expect:
        EndpointRules.forbiddenAddress(InetAddress.getByName(address)).isPresent() == forbidden

        where:
        address                  || forbidden
        '127.0.0.1'              || true
        '127.0.0.2'              || true
        '10.0.0.1'               || true
        '172.16.5.4'             || true
        '192.168.1.1'            || true
        '169.254.169.254'        || true
        '100.64.0.1'             || true
        '0.0.0.0'                || true
        '224.0.0.1'              || true
        '::1'                    || true
        'fe80::1'                || true
        'fd00::1'                || true
        '::ffff:127.0.0.1'       || true
        '::ffff:10.1.2.3'        || true
        '::'                     || true
        '::127.0.0.1'            || true
        '64:ff9b::7f00:1'        || true
        '64:ff9b::a9fe:a9fe'     || true
        '64:ff9b:1::8efa:4a8a'   || true
        '2002:a00:1::1'          || true
        '2002:7f00:1::'          || true
        '2001:0:4136:e378::1'    || true
        '64:ff9b::8efa:4a8a'     || false
        '2002:8efa:4a8a::1'      || false
        '142.250.74.138'         || false
        '2a00:1450:4001:82b::200a' || false
        '172.32.0.1'             || false
        verdict = forbidden ? 'refused' : 'allowed'
    }

    def "endpoint URL #url is #verdict"() {
        expect:
        EndpointRules.checkUrl(url).isPresent() == refused

        where:
        url                                             || refused
        'https://fcm.googleapis.com/fcm/send/abc'       || false
        'https://updates.push.services.mozilla.com/x'   || false
        'http://updates.push.services.mozilla.com/x'    || true
        'ftp://example.com/x'                           || true
        'https://user:pw@example.com/x'                 || true
        'https:///nohost'                               || true
        'not a url'                                     || true
        'https://localhost/x'                           || true
        'https://api.localhost/x'                       || true
        'https://metadata.google.internal/computeMetadata/v1/' || true
        'https://ip-10-0-0-1.ec2.internal/x'            || true
        'https://printer.local/x'                       || true
        'https://metadata/x'                            || true
        'https://LOCALHOST./x'                          || true
        'https://10.0.0.1/x'                            || false
        'https://[::1]/x'                               || false
        verdict = refused ? 'refused' : 'allowed'
    }

    def "a JWKS URL is judged by the same rules, in its own words"() {
        expect:
        EndpointRules.checkUrl(url, 'a JWKS URL') == Optional.ofNullable(reason)

        where:
        url                                             || reason
        'https://idp.example.com/.well-known/jwks.json' || null
        'http://idp.example.com/jwks'                   || 'a JWKS URL is an https URL'
        'https://metadata.google.internal/jwks'         || 'a JWKS URL must not name a host of a local network (metadata.google.internal)'
        'https://localhost:8443/jwks'                   || 'a JWKS URL must not name localhost (a loopback host)'
    }
}
