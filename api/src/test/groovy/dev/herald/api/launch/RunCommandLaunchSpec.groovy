package dev.herald.api.launch

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * The README's first command, as a newcomer runs it: {@code java -jar api/target/herald.jar}
 * with nothing configured, in a home directory of its own. It must start an embedded
 * PostgreSQL and Temporal service, print where everything is, deliver a push to the capture
 * provider, and keep what it stored across a restart. Runs after {@code package} (failsafe),
 * against the jar itself.
 */
@Stepwise
class RunCommandLaunchSpec extends Specification {

    @Shared Path home = Files.createTempDirectory('herald-home')
    @Shared int port = LaunchedHerald.freePort()
    @Shared int temporalPort = LaunchedHerald.freePort()
    @Shared HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
    @Shared LaunchedHerald herald
    @Shared String apiKey
    @Shared String deliveredSendId

    def cleanupSpec() {
        herald?.stop()
        home.toFile().deleteDir()
    }

    def 'on a fresh machine it starts, prints where everything is and answers /health'() {
        when:
        herald = LaunchedHerald.start(home, port, temporalPort)
        def report = herald.awaitReport()
        apiKey = (report =~ /Bootstrap admin API key \(shown once, keep it\):\s+(hk_\S+)/)[0][1]

        then:
        report.contains("API          http://localhost:$port/v1")
        report.contains("API docs     http://localhost:$port/docs")
        report.contains("Deliveries   http://localhost:$port/v1/captured-pushes")
        report.contains("embedded service on 127.0.0.1:$temporalPort (wall-clock time; runs rebuilt from PostgreSQL at each start")
        report.contains("embedded PostgreSQL, data in ${home.resolve('.herald/postgres')}")
        Files.isDirectory(home.resolve('.herald/postgres'))
        Files.exists(home.resolve('.herald/master-keys'))

        and:
        get('/health').statusCode() == 200
        new JsonSlurper().parseText(get('/health').body()).status == 'UP'
        get('/docs').statusCode() in [200, 303]
        get('/v1/apps', apiKey).statusCode() == 200
    }

    def 'a send to an app without credentials shows up in the captured pushes'() {
        given:
        def token = 'ab' * 32

        expect:
        send('PUT', '/v1/users/alice', [locale: 'en', timezone: 'Europe/Berlin']).statusCode() in [200, 201]
        send('POST', '/v1/users/alice/devices', [provider: 'APNS', token: token]).statusCode() in [200, 201]

        when:
        def created = new JsonSlurper().parseText(send('POST', '/v1/sends', [userIds: ['alice'], title: 'Hello', body: 'From the embedded run']).body())
        def captured = poll { new JsonSlurper().parseText(get('/v1/captured-pushes', apiKey).body()).items.find { it.sendId == created.id } }

        then:
        captured.token == token
        captured.payload.aps.alert.title == 'Hello'

        cleanup:
        deliveredSendId = created.id
    }

    def 'a Live Activity of an app without credentials has its push-to-start, update and end captured as APNs would receive them'() {
        given: "alice's iPhone, registered above, reports a push-to-start token"
        def device = json(get('/v1/users/alice/devices', apiKey)).items.find { it.provider == 'APNS' }
        def startToken = 'cd' * 32
        def updateToken = 'ef' * 32

        expect:
        send('PUT', "/v1/users/alice/devices/${device.id}/live-activity-start-tokens/DeliveryAttributes", [token: startToken]).statusCode() == 201

        when: 'the server starts an activity by push'
        def started = json(send('POST', '/v1/live-activities', [userId      : 'alice', activityType: 'DeliveryAttributes', attributes: [orderId: '42'],
                                                                contentState: [status: 'preparing', etaMinutes: 30]]))
        def start = poll { captured(started.id).find { it.payload.aps.event == 'start' } }

        then: 'it runs, and the push-to-start is captured on the start token'
        started.status == 'active'
        start.token == startToken
        start.headers['apns-push-type'] == 'liveactivity'
        start.headers['apns-topic'] == 'capture.push-type.liveactivity'
        start.payload.aps['attributes-type'] == 'DeliveryAttributes'
        start.payload.aps['content-state'] == [status: 'preparing', etaMinutes: 30]
        start.payload.aps.attributes.heraldActivityId == started.id

        when: 'the app reports the activity token, the server updates it (priority 5: at once) and ends it'
        def tokenReported = send('PUT', "/v1/live-activities/${started.id}/update-token", [token: updateToken])
        def updated = send('POST', "/v1/live-activities/${started.id}/updates", [contentState: [status: 'out for delivery', etaMinutes: 10], priority: 5])
        def update = poll { captured(started.id).find { it.payload.aps.event == 'update' } }
        def ended = json(send('POST', "/v1/live-activities/${started.id}/end", [contentState: [status: 'delivered', etaMinutes: 0]]))

        then: 'the update and the end push are captured on the activity token, in order'
        tokenReported.statusCode() == 200
        updated.statusCode() == 202
        update.token == updateToken
        update.payload.aps['content-state'] == [status: 'out for delivery', etaMinutes: 10]
        ended.status == 'ended'
        ended.endReason == 'ended'
        poll { captured(started.id).size() == 3 }
        captured(started.id)*.payload*.aps*.event == ['start', 'update', 'end']
        captured(started.id)*.token == [startToken, updateToken, updateToken]
    }

    def 'the embedded Temporal service listens on loopback only'() {
        given:
        def external = InetAddress.localHost.isLoopbackAddress()
                ? NetworkInterface.networkInterfaces().toList().collectMany { it.inetAddresses().toList() }
                        .find { it instanceof Inet4Address && !it.loopbackAddress }
                : InetAddress.localHost

        expect: 'loopback connects'
        new Socket('127.0.0.1', temporalPort).withCloseable { it.connected }

        when: 'any other address of this machine does not'
        new Socket(external, temporalPort).close()

        then:
        external != null
        thrown(ConnectException)
    }

    def 'after a restart what was stored is still there, a scheduled send still goes out, and no second bootstrap key is made'() {
        given: 'a send due shortly after the restart'
        def due = java.time.Instant.now().plusSeconds(15).toString()
        def scheduled = new JsonSlurper().parseText(send('POST', '/v1/sends', [userIds: ['alice'], title: 'Later', scheduledFor: due]).body())

        when:
        herald.stop()
        herald = LaunchedHerald.start(home, port, temporalPort)
        def report = herald.awaitReport()

        then:
        !report.contains('Bootstrap admin API key')
        get('/v1/users/alice', apiKey).statusCode() == 200

        and: 'the send delivered before the restart, whose run the embedded Temporal lost, answers its progress from the ledger'
        poll { new JsonSlurper().parseText(get("/v1/sends/$deliveredSendId", apiKey).body()).status == 'completed' }
        get("/v1/sends/$deliveredSendId/progress", apiKey).statusCode() == 200
        new JsonSlurper().parseText(get("/v1/sends/$deliveredSendId/progress", apiKey).body()) ==
                [status: 'completed', targeted: 1, processed: 1, sent: 1, failed: 0, suppressed: 0, deferred: 0, source: 'ledger']
        new JsonSlurper().parseText(get('/v1/users/alice', apiKey).body()).timezone == 'Europe/Berlin'

        and: 'the embedded Temporal lost the run, but Herald started the send again and it went out at its time'
        scheduled.status == 'scheduled'
        poll { new JsonSlurper().parseText(get("/v1/sends/$scheduled.id", apiKey).body()).status == 'completed' }
        new JsonSlurper().parseText(get('/v1/captured-pushes', apiKey).body()).items.count { it.sendId == scheduled.id } == 1
    }

    List<Map> captured(Object liveActivityId) {
        json(get("/v1/captured-pushes?liveActivityId=$liveActivityId", apiKey)).items as List<Map>
    }

    static Map json(HttpResponse<String> response) {
        new JsonSlurper().parseText(response.body()) as Map
    }

    HttpResponse<String> get(String path, String key = null) {
        def request = HttpRequest.newBuilder(URI.create("http://localhost:$port$path")).timeout(Duration.ofSeconds(10))
        if (key) {
            request.header('x-api-key', key)
        }
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString())
    }

    HttpResponse<String> send(String method, String path, Map body) {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:$port$path")).timeout(Duration.ofSeconds(10))
                .header('x-api-key', apiKey).header('content-type', 'application/json')
                .method(method, HttpRequest.BodyPublishers.ofString(JsonOutput.toJson(body))).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    static <T> T poll(Closure<T> probe) {
        long deadline = System.currentTimeMillis() + 30_000
        T found = probe()
        while (!found && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
            found = probe()
        }
        found
    }
}
