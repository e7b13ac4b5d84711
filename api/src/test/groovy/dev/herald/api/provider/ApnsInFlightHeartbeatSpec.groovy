package dev.herald.api.provider

import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification
import dev.herald.activities.provider.InFlightSlots
import dev.herald.activities.provider.apns.ApnsClients
import dev.herald.activities.provider.apns.ApnsCredential
import dev.herald.activities.provider.apns.ApnsSettings
import dev.herald.api.support.MockApns
import dev.herald.api.support.TestCertificates
import dev.herald.domain.credential.CredentialKind
import dev.herald.domain.credential.StoredCredential
import dev.herald.domain.crypto.SecretBox
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Semaphore
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Supplier

/**
 * A push waiting for a slot under the per-client in-flight bound keeps heartbeating: with one
 * slot and APNs holding the first answer, the second push does not leave, and its caller's
 * heartbeat runs while it waits (a delivery activity would otherwise be timed out by Temporal).
 */
class ApnsInFlightHeartbeatSpec extends Specification {

    static final MockApns apns = MockApns.shared()

    @Shared
    @AutoCleanup
    ApnsClients clients = new ApnsClients(new ApnsSettings('localhost', apns.port(), 'localhost', MockApns.sandbox().port(),
            apns.certificatePem().toString(), 1, 1, Duration.ofSeconds(5), Duration.ofSeconds(30)))

    /** Opened after each feature too: a held answer must not stall the shared mock for later specs. */
    CountDownLatch release = new CountDownLatch(0)

    def cleanup() {
        release.countDown()
    }

    private ApnsClients.BoundedClient client() {
        byte[] key = TestCertificates.apnsSigningKeyPem().getBytes(StandardCharsets.UTF_8)
        def stored = new StoredCredential(UUID.randomUUID(), CredentialKind.APNS,
                [authType: 'token', keyId: 'KEY0000001', teamId: "T${UUID.randomUUID().toString().substring(0, 9)}".toString(),
                 bundleId: 'com.example.app', environment: 'production'], 'sealed', SecretBox.fingerprint(key), Instant.EPOCH, Instant.EPOCH)
        clients.client(ApnsCredential.of(stored), { key } as Supplier<byte[]>, false)
    }

    private static SimpleApnsPushNotification push(String token) {
        new SimpleApnsPushNotification(token, 'com.example.app', '{"aps":{"alert":"hi"}}')
    }

    private static String token() {
        def bytes = new byte[32]
        new Random().nextBytes(bytes)
        bytes.encodeHex().toString()
    }

    def "with one slot taken by a held answer, the next push waits without sending and heartbeats until the slot frees"() {
        given: 'a client with one request in flight at most, and APNs holding the answer to the first push'
        def client = client()
        def first = token()
        def second = token()
        release = apns.hold(first)
        def firstAnswer = client.send(push(first))
        waitUntil { apns.arrived(first) }

        when: 'a second push is sent from another thread, as a delivery activity would'
        def beats = new AtomicInteger()
        def secondAnswer = CompletableFuture.supplyAsync { client.send(push(second), { beats.incrementAndGet() }) }
                .thenCompose { it }
        waitUntil { beats.get() >= 2 }

        then: 'it waited through two heartbeat periods without reaching APNs'
        !secondAnswer.isDone()
        !firstAnswer.isDone()
        apns.attempts(second) == 0

        when: 'APNs answers the first push'
        release.countDown()

        then: 'the slot goes to the second push, which is sent and accepted'
        firstAnswer.get(10, TimeUnit.SECONDS).accepted
        secondAnswer.get(10, TimeUnit.SECONDS).accepted
        apns.attempts(second) == 1
        apns.receivedFor([second]).size() == 1
    }

    def "waiting for a slot heartbeats every #InFlightSlots.HEARTBEAT_EVERY and returns as soon as one is free"() {
        given:
        def slots = new Semaphore(0)
        def beats = []

        when: 'a slot frees on the second heartbeat'
        InFlightSlots.acquire(slots) {
            beats << System.nanoTime()
            if (beats.size() == 2) {
                slots.release()
            }
        }

        then:
        beats.size() == 2
        Duration.ofNanos(beats[1] - beats[0]) >= InFlightSlots.HEARTBEAT_EVERY.minusMillis(50)
        slots.availablePermits() == 0
    }

    private static void waitUntil(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 30_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'timed out'
            Thread.sleep(20)
        }
    }
}
