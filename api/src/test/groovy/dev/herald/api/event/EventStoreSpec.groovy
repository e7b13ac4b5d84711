package dev.herald.api.event

import dev.herald.api.support.HeraldSpec
import dev.herald.domain.event.EventSource
import dev.herald.domain.event.EventStore
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

import java.time.Instant

/** The event log in PostgreSQL: idempotency keys are unique per org, and recording is repeatable. */
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
}
