package dev.herald.api.event

import dev.herald.api.support.HeraldSpec
import dev.herald.domain.event.EventSource
import dev.herald.domain.event.EventStore
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors

/** The event log in PostgreSQL: idempotency keys are unique per org for 24 hours, and recording is repeatable. */
@MicronautTest(transactional = false)
class EventStoreSpec extends HeraldSpec {

    @Inject
    EventStore events

    def "recording an event again with its idempotency key returns the first one"() {
        given:
        def tenant = newTenant()
        def at = Instant.parse('2026-11-01T10:00:00Z')
        def event = new EventStore.NewEvent(tenant.orgId, tenant.appId, null, 'cart.updated', [items: 2],
                EventSource.SERVER, 'key-1', at)

        when:
        def first = events.record(event)
        def again = events.record(event)

        then:
        first.created()
        !again.created()
        again.event().id() == first.event().id()
        first.event().properties() == [items: 2]
        first.event().occurredAt() == at
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '1'
    }

    def "the same idempotency key in two orgs makes two events, and events without a key never collide"() {
        given:
        def a = newTenant()
        def b = newTenant()

        when:
        def inA = events.record(new EventStore.NewEvent(a.orgId, null, null, 'x', [:], EventSource.SERVER, 'shared', Instant.now()))
        def inB = events.record(new EventStore.NewEvent(b.orgId, null, null, 'x', [:], EventSource.SERVER, 'shared', Instant.now()))
        def unkeyed = (1..2).collect { events.record(EventStore.NewEvent.observed(a.orgId, a.appId, null, 'push.opened', [:])) }

        then:
        inA.created() && inB.created()
        inA.event().id() != inB.event().id()
        unkeyed.every { it.created() }
        unkeyed[0].event().id() != unkeyed[1].event().id()
        unkeyed[0].event().source() == EventSource.HERALD
    }

    def "a caller's key older than 24 hours names one new event, even when #threads requests bring it at once"() {
        given: 'an event recorded with the key 25 hours ago'
        def tenant = newTenant()
        def old = events.record(new EventStore.NewEvent(tenant.orgId, tenant.appId, null, 'invoice.paid', [n: 1],
                EventSource.SERVER, 'inv-7', Instant.now())).event()
        queryValue("update events set received_at = received_at - interval '25 hours' where id = '${old.id()}' returning id")
        def start = new CountDownLatch(1)
        def pool = Executors.newFixedThreadPool(threads)

        when:
        def futures = (1..threads).collect {
            pool.submit({
                start.await()
                events.record(new EventStore.NewEvent(tenant.orgId, tenant.appId, null, 'invoice.paid', [n: 2],
                        EventSource.SERVER, 'inv-7', Instant.now()))
            } as Callable<EventStore.Recorded>)
        }
        start.countDown()
        def recorded = futures*.get()
        pool.shutdown()

        then: 'exactly one request made the new event; every one answers it'
        recorded.count { it.created() } == 1
        recorded*.event()*.id().unique().size() == 1
        recorded[0].event().id() != old.id()
        recorded[0].event().properties() == [n: 2]

        and: 'the old event is kept, without the key'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '2'
        queryValue("select coalesce(idempotency_key, 'none') from events where id = '${old.id()}'") == 'none'

        and: 'within 24 hours of the new event the key answers it'
        def again = events.record(new EventStore.NewEvent(tenant.orgId, tenant.appId, null, 'invoice.paid', [n: 3],
                EventSource.SERVER, 'inv-7', Instant.now()))
        !again.created()
        again.event().id() == recorded[0].event().id()

        where:
        threads << [1, 8]
    }

    def "a key 23 hours old still answers its event, and Herald's own keys never expire"() {
        given:
        def tenant = newTenant()
        def caller = events.record(new EventStore.NewEvent(tenant.orgId, null, null, 'x', [:], EventSource.SERVER, 'k-23', Instant.now())).event()
        def herald = events.record(new EventStore.NewEvent(tenant.orgId, null, null, 'push.opened', [:], EventSource.HERALD,
                'herald:push.opened:s1:d1', Instant.now())).event()
        queryValue("update events set received_at = received_at - interval '23 hours' where id = '${caller.id()}' returning id")
        queryValue("update events set received_at = received_at - interval '400 days' where id = '${herald.id()}' returning id")

        when:
        def callerAgain = events.record(new EventStore.NewEvent(tenant.orgId, null, null, 'x', [:], EventSource.SERVER, 'k-23', Instant.now()))
        def heraldAgain = events.record(new EventStore.NewEvent(tenant.orgId, null, null, 'push.opened', [:], EventSource.HERALD,
                'herald:push.opened:s1:d1', Instant.now()))

        then:
        !callerAgain.created()
        callerAgain.event().id() == caller.id()
        !heraldAgain.created()
        heraldAgain.event().id() == herald.id()
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '2'
    }
}
