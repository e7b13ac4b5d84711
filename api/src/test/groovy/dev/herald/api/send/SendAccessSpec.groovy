package dev.herald.api.send

import dev.herald.api.support.AccessMatrixSpec
import groovy.json.JsonOutput
import io.micronaut.http.MediaType
import io.micronaut.http.client.multipart.MultipartBody
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant

/** The S1 matrix on sends (create, read, cancel, ledger, pause, resume, progress), captured pushes and open tracking. */
@MicronautTest(transactional = false)
class SendAccessSpec extends AccessMatrixSpec {

    /** POST /v1/sends with a multipart CSV of user ids rather than JSON. */
    static final String CSV_UPLOAD = '/v1/sends (CSV upload)'

    @Override
    Map<String, Object> arrange() {
        owner.useApns()
        def device = owner.registerDevice('alice', [provider: 'APNS', token: apnsToken()])
        def sent = call('POST', '/v1/sends', [userIds: ['alice'], title: 'hi'], owner.key()).body
        awaitSend(sent.id)
        def later = Instant.ofEpochMilli(temporal.currentTimeMillis()).plus(Duration.ofDays(1)).toString()
        def scheduled = call('POST', '/v1/sends', [userIds: ['alice'], title: 'later', scheduledFor: later], owner.key()).body
        def paused = call('POST', '/v1/sends', [userIds: ['alice'], title: 'held', scheduledFor: later], owner.key()).body
        assert call('POST', "/v1/sends/${paused.id}/pause", null, owner.key()).status == 200
        [send: sent.id, scheduled: scheduled.id, paused: paused.id, device: device.id]
    }

    @Override
    List<List<String>> routes() {
        [
                ['POST', '/v1/sends'],
                ['POST', CSV_UPLOAD],
                ['GET', '/v1/sends'],
                ['GET', '/v1/sends/{send}'],
                ['DELETE', '/v1/sends/{scheduled}'],
                ['GET', '/v1/sends/{send}/deliveries'],
                ['POST', '/v1/sends/{scheduled}/pause'],
                ['POST', '/v1/sends/{paused}/resume'],
                ['GET', '/v1/sends/{scheduled}/progress'],
                ['GET', '/v1/captured-pushes?sendId={send}'],
                ['POST', '/v1/track/open'],
        ]
    }

    /** An open is reported by the session of the user the push went to. */
    @Override
    List<List<String>> ownUserRoutes() {
        [['POST', '/v1/track/open']]
    }

    @Override
    List<List<String>> crossOrgRoutes() {
        super.crossOrgRoutes() + [['POST', '/v1/track/open']]
    }

    @Override
    void ownerUnchanged() {
        assert call('GET', "/v1/sends/${ids.send}", null, owner.key()).body.status == 'completed'
        assert call('GET', "/v1/sends/${ids.scheduled}/progress", null, owner.key()).body.status == 'scheduled'
        // before its time a paused send's progress still reads "scheduled"; pausing it again tells it is paused
        assert call('POST', "/v1/sends/${ids.paused}/pause", null, owner.key()).body.code == 'send_paused'
        assert queryValue("select count(*) from deliveries where send_id = '${ids.send}' and opened_at is null") == '1'
    }

    @Override
    Object body(String method, String path) {
        if (path == '/v1/track/open') {
            return [sendId: ids.send, deviceId: ids.device]
        }
        if (path == CSV_UPLOAD) {
            return MultipartBody.builder()
                    .addPart('file', 'ids.csv', MediaType.of('text/csv'), 'alice\n'.getBytes('UTF-8'))
                    .addPart('send', JsonOutput.toJson([title: 'from a file']))
                    .build()
        }
        path == '/v1/sends' && method == 'POST' ? [userIds: ['alice'], title: 'hi'] : null
    }

    @Override
    String resolve(String path) {
        path == CSV_UPLOAD ? '/v1/sends' : super.resolve(path)
    }
}
