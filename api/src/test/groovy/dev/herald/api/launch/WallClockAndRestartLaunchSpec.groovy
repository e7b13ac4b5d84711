package dev.herald.api.launch

import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneOffset

import static dev.herald.api.launch.LaunchedApi.poll

/**
 * The README's run command on the wall clock: with nothing configured (the embedded Temporal
 * service), what waits waits for real, neither less nor more. Then the process is killed with
 * {@code kill -9} while one of each kind of run is under way, started again on the same data, and
 * each run finishes as it would have, with no push missing and none sent twice.
 */
@Stepwise
class WallClockAndRestartLaunchSpec extends Specification {

    /** Live activities nobody ends end this long after they start (the README's setting, shortened). */
    static final Duration ACTIVITY_LIFETIME = Duration.ofSeconds(60)
    /** How late a timer may fire on this shared machine. */
    static final Duration SLACK = Duration.ofSeconds(2)

    @Shared Path home = Files.createTempDirectory('herald-wall-clock')
    @Shared int port = LaunchedHerald.freePort()
    @Shared int temporalPort = LaunchedHerald.freePort()
    @Shared LaunchedHerald herald
    @Shared LaunchedApi api = new LaunchedApi(port)
    /** The app the embedded default makes on a fresh database. */
    @Shared String defaultApp

    // runs left under way at the kill
    @Shared String pausedSend
    @Shared String automationRun
    @Shared Instant firstStepAt
    @Shared String activityId
    @Shared Instant activityStartedAt
    @Shared String abSend
    @Shared Instant sampleFinishedAt
    @Shared List<String> abUsers = (1..8).collect { "ab-$it".toString() }
    @Shared Instant restartedAt

    def setupSpec() {
        herald = LaunchedHerald.start(home, port, temporalPort, [HERALD_LIVE_ACTIVITY_IOS_MAX_LIFETIME: "${ACTIVITY_LIFETIME.seconds}s".toString()])
        def report = herald.awaitReport()
        api.apiKey = (report =~ /Bootstrap admin API key \(shown once, keep it\):\s+(hk_\S+)/)[0][1]
        defaultApp = api.json('/v1/apps').items[0].id
    }

    def cleanupSpec() {
        herald?.stop()
        home.toFile().deleteDir()
    }

    def 'a send scheduled 20 seconds ahead is not pushed before its time, and is pushed within 2 seconds after it'() {
        given:
        userWithDevice('sam')
        def due = Instant.now().plusSeconds(20)

        when:
        def send = api.json('POST', '/v1/sends', [userIds: ['sam'], title: 'On time', scheduledFor: due.toString()])
        def pushed = poll(40) { api.captured("sendId=$send.id") }
        measured('scheduled send, pushed after its time', due, pushed)

        then:
        pushed.size() == 1
        !capturedAt(pushed[0]).isBefore(due)
        capturedAt(pushed[0]).isBefore(due + SLACK)
    }

    def "an automation's 15-second delay holds: its second push comes 15 seconds after its first"() {
        given:
        userWithDevice('drip')
        api.json('PUT', '/v1/automations/quick-drip', [name : 'Quick drip', trigger: [manual: true],
                                                       steps: [[id: 'hello', type: 'send_push', title: 'Hello', body: 'First'],
                                                               [id: 'pause', type: 'delay', duration: '15s'],
                                                               [id: 'again', type: 'send_push', title: 'Again', body: 'Second']]])

        when:
        api.json('POST', '/v1/automations/quick-drip/runs', [userId: 'drip'])
        def first = poll { pushesTitled('drip', 'Hello') }
        def second = poll(40) { pushesTitled('drip', 'Again') }
        measured('15 s automation delay, second push after first + 15 s', first ? capturedAt(first[0]) + Duration.ofSeconds(15) : null, second)

        then:
        first.size() == 1
        second.size() == 1
        def gap = Duration.between(capturedAt(first[0]), capturedAt(second[0]))
        gap >= Duration.ofSeconds(15)
        gap < Duration.ofSeconds(15) + SLACK
    }

    def 'a push in quiet hours ending in a few seconds is held until they end, then pushed'() {
        given: "a user whose clock reads 14 seconds to the hour, in an app quiet for that hour"
        def now = Instant.now()
        def windowEnd = now.plusSeconds(14)
        def zone = ZoneOffset.ofTotalSeconds((int) Math.floorMod(3600 - 14 - now.epochSecond % 3600, 3600L))
        int hour = LocalDateTime.ofInstant(now, zone).hour
        def app = api.json('POST', '/v1/apps', [name: 'night-owls'])
        api.json('PATCH', "/v1/apps/$app.id/settings", [quietHoursStartLocal: hour, quietHoursEndLocal: (hour + 1) % 24, deferInQuietHours: true])
        api.json('PUT', '/v1/users/owl', [timezone: zone.id])
        api.json('POST', '/v1/users/owl/devices', [appId: app.id, provider: 'APNS', token: token()])

        when:
        def send = api.json('POST', '/v1/sends', [userIds: ['owl'], title: 'After the quiet'])
        def pushed = poll(40) { api.captured("sendId=$send.id") }
        measured('quiet-hours deferral, pushed after the window ended', windowEnd, pushed)

        then:
        pushed.size() == 1
        !capturedAt(pushed[0]).isBefore(windowEnd.minusMillis(999))
        capturedAt(pushed[0]).isBefore(windowEnd + SLACK)
    }

    def 'kill -9 with a paused send, an automation in its delay, a live activity and an A/B promotion waiting under way'() {
        given: 'a paced send to four devices, paused after its first device'
        userWithDevice('many', 4)
        pausedSend = api.json('POST', '/v1/sends', [userIds: ['many'], title: 'Paced', ratePerSecond: 1]).id
        poll { api.captured("sendId=$pausedSend").size() >= 1 }
        api.json('POST', "/v1/sends/$pausedSend/pause")
        poll { api.json("/v1/sends/$pausedSend").status == 'paused' }

        and: 'an automation run in a 45-second delay after its first push'
        userWithDevice('later')
        api.json('PUT', '/v1/automations/slow-drip', [name : 'Slow drip', trigger: [manual: true],
                                                      steps: [[id: 'hello', type: 'send_push', title: 'Hello', body: 'First'],
                                                              [id: 'pause', type: 'delay', duration: '45s'],
                                                              [id: 'again', type: 'send_push', title: 'Again', body: 'Second']]])
        automationRun = api.json('POST', '/v1/automations/slow-drip/runs', [userId: 'later']).id
        firstStepAt = capturedAt(poll { pushesTitled('later', 'Hello') }[0])

        and: 'a live activity started by push, which nobody ends'
        def phone = userWithDevice('fan')[0]
        api.json('PUT', "/v1/users/fan/devices/$phone/live-activity-start-tokens/ScoreAttributes", [token: token()])
        def activity = api.json('POST', '/v1/live-activities', [appId: defaultApp, userId: 'fan', activityType: 'ScoreAttributes', attributes: [match: 'final'],
                                                                contentState: [home: 0, away: 0]])
        activityId = activity.id
        activityStartedAt = Instant.parse(activity.createdAt as String)
        poll { api.captured("liveActivityId=$activityId").size() == 1 }
        api.json('PUT', "/v1/live-activities/$activityId/update-token", [token: token()])

        and: 'an auto-promoted A/B send whose sample went out; it decides after a minute'
        abUsers.each { userWithDevice(it) }
        def test = api.json('POST', '/v1/ab-tests', [name       : 'Subject line', variants: [[key: 'a', weight: 50, title: 'A', body: 'Variant A'],
                                                                                          [key: 'b', weight: 50, title: 'B', body: 'Variant B']],
                                                     autoPromote: [samplePercent: 50, minSamplePerVariant: 1000, minWaitMinutes: 0, maxWaitMinutes: 1]]).id
        abSend = api.json('POST', '/v1/sends', [userIds: abUsers, abTestId: test]).id
        poll { api.json("/v1/sends/$abSend").status == 'completed' }
        sampleFinishedAt = Instant.parse(api.json("/v1/sends/$abSend").finishedAt as String)

        expect: 'some users were in the sample and some held back'
        def sampled = api.captured("sendId=$abSend").size()
        sampled > 0 && sampled < abUsers.size()

        when: 'the process is killed and started again on the same data'
        herald.kill()
        herald = LaunchedHerald.start(home, port, temporalPort, [HERALD_LIVE_ACTIVITY_IOS_MAX_LIFETIME: "${ACTIVITY_LIFETIME.seconds}s".toString()])
        def report = herald.awaitReport()
        restartedAt = Instant.now()

        then:
        report.contains('Startup completed')
        !report.contains('Bootstrap admin API key')
        api.get('/health').statusCode() == 200
    }

    def 'the paused send is still paused, and once resumed reaches each of its devices once'() {
        given:
        def before = api.captured("sendId=$pausedSend").size()

        expect:
        api.json("/v1/sends/$pausedSend").status == 'paused'

        when: 'a few seconds pass: nothing more goes out'
        Thread.sleep(3000)

        then:
        api.captured("sendId=$pausedSend").size() == before
        before < 4

        when:
        api.json('POST', "/v1/sends/$pausedSend/resume")
        poll(40) { api.json("/v1/sends/$pausedSend").status == 'completed' }
        def pushed = api.captured("sendId=$pausedSend")

        then:
        pushed.size() == 4
        pushed*.deviceId.toSet().size() == 4
        api.json("/v1/sends/$pausedSend").deliveries.accepted == 4
    }

    def "the automation run's delay was re-armed for what remained: its second push comes 45 seconds after its first, once"() {
        given:
        def due = firstStepAt + Duration.ofSeconds(45)

        when:
        def second = poll(60) { pushesTitled('later', 'Again') }
        poll(10) { api.json("/v1/automation-runs/$automationRun").status == 'completed' }

        then:
        second.size() == 1
        pushesTitled('later', 'Hello').size() == 1
        !capturedAt(second[0]).isBefore(due)
        capturedAt(second[0]).isBefore(latest(due, restartedAt) + SLACK)
        api.json("/v1/automation-runs/$automationRun").status == 'completed'
    }

    def 'the live activity takes updates again and is ended at its lifetime counted from its start, not from the restart'() {
        when:
        def updated = api.call('POST', "/v1/live-activities/$activityId/updates", [contentState: [home: 1, away: 0], priority: 5])
        def ended = poll(90) { api.captured("liveActivityId=$activityId").find { it.payload.aps.event == 'end' } }
        def pushes = api.captured("liveActivityId=$activityId")

        then:
        updated.statusCode() == 202
        pushes*.payload*.aps*.event == ['start', 'update', 'end']
        ended.payload.aps['content-state'] == [home: 1, away: 0]
        def due = activityStartedAt + ACTIVITY_LIFETIME
        !capturedAt(ended).isBefore(due.minusSeconds(1))
        capturedAt(ended).isBefore(latest(due, restartedAt) + SLACK)
        api.json("/v1/live-activities/$activityId").endReason == 'max_lifetime'
    }

    def 'the A/B promotion decided a minute after its sample finished, and the held-back users got the control once'() {
        when:
        def test = poll(90) { def t = api.json("/v1/ab-tests/${api.json("/v1/sends/$abSend/ab-promotion").testId}"); t.winnerSource ? t : null }
        def promotion = poll(30) { def p = api.json("/v1/sends/$abSend/ab-promotion"); p.status == 'COMPLETED' && p.followUpStatus ? p : null }
        def sample = api.captured("sendId=$abSend")
        def followUp = api.captured("sendId=$promotion.followUpSendId")

        then: 'nobody reached a sample big enough: inconclusive at the deadline, the control goes to the rest'
        test.winnerSource == 'auto_inconclusive'
        promotion.followUpVariant == 'a'
        followUp*.payload*.aps*.alert*.title.every { it == 'A' }

        and: 'every user got exactly one push: the sample or the follow-up'
        (sample + followUp)*.deviceId.size() == abUsers.size()
        (sample + followUp)*.deviceId.toSet().size() == abUsers.size()

        and: 'the decision came at its time from the sample, not from the restart'
        def decided = Instant.parse(test.winnerDeclaredAt as String)
        def due = sampleFinishedAt + Duration.ofMinutes(1)
        !decided.isBefore(due)
        decided.isBefore(latest(due, restartedAt) + SLACK)
    }

    /** A user with {@code devices} APNs devices of the default app; answers their ids. */
    List<String> userWithDevice(String userId, int devices = 1) {
        api.json('PUT', "/v1/users/$userId", [timezone: 'UTC'])
        (1..devices).collect { api.json('POST', "/v1/users/$userId/devices", [appId: defaultApp, provider: 'APNS', token: token()]).id as String }
    }

    List<Map> pushesTitled(String userId, String title) {
        def devices = api.json("/v1/users/$userId/devices").items*.id
        api.captured('').findAll { it.deviceId in devices && it.payload.aps?.alert?.title == title }
    }

    /** Prints how late a push came, for the record. */
    static void measured(String what, Instant due, List<Map> pushes) {
        if (due != null && pushes) {
            println "measured: $what: ${Duration.between(due, capturedAt(pushes[0])).toMillis()} ms"
        }
    }

    static Instant capturedAt(Map push) {
        Instant.parse(push.capturedAt as String)
    }

    static Instant latest(Instant a, Instant b) {
        a.isAfter(b) ? a : b
    }

    static String token() {
        def bytes = new byte[32]
        new Random().nextBytes(bytes)
        bytes.encodeHex().toString()
    }
}
