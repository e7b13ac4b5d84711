package dev.herald.api.segment

import dev.herald.api.support.AccessMatrixSpec
import dev.herald.api.support.InMemoryScheduleClient
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.client.schedules.ScheduleClient
import jakarta.inject.Inject

/** The S1 matrix on segments (saved and inline previews) and recurring sends. */
@MicronautTest(transactional = false)
class AudienceAccessSpec extends AccessMatrixSpec {

    static final Map PRO = [field: 'tag', key: 'plan', op: 'eq', value: 'pro']
    static final Map DAILY = [name: 'daily', cron: '@daily', send: [userIds: ['alice'], title: 'x']]

    @Inject
    ScheduleClient scheduleClient

    @Override
    Map<String, Object> arrange() {
        def segment = call('POST', '/v1/segments', [name: 'pro', filter: PRO], owner.key())
        assert segment.status == 201: segment
        def recurring = call('POST', '/v1/recurring-sends', DAILY, owner.key())
        assert recurring.status == 201: recurring
        [segment: segment.body.id, recurring: recurring.body.id]
    }

    @Override
    List<List<String>> routes() {
        [
                ['POST', '/v1/segments'],
                ['GET', '/v1/segments'],
                ['GET', '/v1/segments/{segment}'],
                ['PUT', '/v1/segments/{segment}'],
                ['DELETE', '/v1/segments/{segment}'],
                ['GET', '/v1/segments/{segment}/preview'],
                ['POST', '/v1/segments/preview'],
                ['POST', '/v1/recurring-sends'],
                ['GET', '/v1/recurring-sends'],
                ['GET', '/v1/recurring-sends/{recurring}'],
                ['POST', '/v1/recurring-sends/{recurring}/pause'],
                ['POST', '/v1/recurring-sends/{recurring}/resume'],
                ['DELETE', '/v1/recurring-sends/{recurring}'],
        ]
    }

    @Override
    void ownerUnchanged() {
        def segment = call('GET', "/v1/segments/${ids.segment}", null, owner.key()).body
        assert segment.name == 'pro' && segment.filter == PRO
        def recurring = call('GET', "/v1/recurring-sends/${ids.recurring}", null, owner.key()).body
        assert recurring.name == 'daily' && recurring.paused == false
        def schedule = (scheduleClient as InMemoryScheduleClient).registered("recurring-send-${ids.recurring}")
        assert schedule != null && !schedule.paused && schedule.firings == 0
    }

    @Override
    Object body(String method, String path) {
        if (method == 'PUT' || path == '/v1/segments' && method == 'POST') {
            return [name: 'changed', filter: [field: 'locale', op: 'eq', value: 'de']]
        }
        if (path == '/v1/segments/preview') {
            return [filter: PRO]
        }
        path == '/v1/recurring-sends' && method == 'POST' ? DAILY + [name: 'another'] : null
    }
}
