package dev.herald.api.temporal

import dev.herald.api.support.TestCertificates
import io.grpc.Metadata
import spock.lang.Specification

import java.nio.file.Files

/** How Herald connects to a Temporal cluster for each way of configuring it. */
class TemporalClusterOptionsSpec extends Specification {

    static TemporalSettings settings(Map overrides) {
        def s = [address: 'temporal.example:7233', apiKey: null, tls: false, cert: null, key: null] + overrides
        new TemporalSettings(s.address, 'default', 'herald', 7233, true, 'http://localhost:8233', s.apiKey, s.tls, s.cert, s.key)
    }

    static String authorization(options) {
        def metadata = new Metadata()
        options.grpcMetadataProviders.each { metadata.merge(it.metadata) }
        metadata.get(Metadata.Key.of('authorization', Metadata.ASCII_STRING_MARSHALLER))
    }

    def "#how: https #https, client certificate #clientCertificate, authorization #auth"() {
        when:
        def options = TemporalFactory.clusterOptions(settings(config))

        then:
        options.target == 'temporal.example:7233'
        options.enableHttps == https
        (options.sslContext != null) == clientCertificate
        authorization(options) == auth

        where:
        how                     | config                   || https | clientCertificate | auth
        'a plain connection'    | [:]                      || false | false             | null
        'TLS'                   | [tls: true]              || true  | false             | null
        'a Temporal Cloud key'  | [apiKey: 'cloud-key-1']  || true  | false             | 'Bearer cloud-key-1'
    }

    def "mutual TLS reads the client certificate and its PKCS #8 key"() {
        given:
        def identity = TestCertificates.localhost()
        def key = Files.createTempFile('temporal-client', '.key')
        Files.writeString(key, TestCertificates.pem('PRIVATE KEY', identity.keyPair().private.encoded))

        when:
        def options = TemporalFactory.clusterOptions(settings(cert: identity.certificatePem().toString(), key: key.toString()))

        then:
        options.sslContext != null
        options.sslContext.client

        cleanup:
        Files.deleteIfExists(key)
    }

    def "a client certificate without its key is refused at start-up"() {
        when:
        TemporalFactory.clusterOptions(settings(cert: '/tmp/only-a-cert.pem'))

        then:
        def e = thrown(IllegalStateException)
        e.message.contains('TEMPORAL_TLS_KEY')
    }
}
