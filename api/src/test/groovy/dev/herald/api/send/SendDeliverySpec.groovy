package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class SendDeliverySpec extends HeraldSpec {

    def "a send to 3 users reaches exactly their 5 devices at APNs and the ledger says so"() {
        given: 'an app with an APNs credential and 3 users with 5 devices between them'
        def tenant = newTenant()
        tenant.useApns('com.example.shop')
        def devicesByUser = [alice: [apnsToken(), apnsToken()], bob: [apnsToken(), apnsToken()], carol: [apnsToken()]]
        devicesByUser.each { user, tokens ->
            tenant.upsertUser(user, [locale: 'en-US'])
            tokens.each { tenant.registerDevice(user, [provider: 'APNS', token: it, platform: 'ios']) }
        }
        def allTokens = devicesByUser.values().flatten() as List<String>

        and: 'a user with a device who is not addressed'
        def bystander = apnsToken()
        tenant.upsertUser('dave')
        tenant.registerDevice('dave', [provider: 'APNS', token: bystander])

        when:
        def created = call('POST', '/v1/sends', [
                userIds: ['alice', 'bob', 'carol'], title: 'Order shipped', body: 'Your parcel is on its way',
                data   : [orderId: 'A-1001', items: 3]], tenant.key())
        awaitSend(created.body.id)

        then: 'the send was accepted with its workflow and Temporal link'
        created.status == 201
        created.body.targetedUsers == 3
        created.body.workflowId == "send-${created.body.id}"
        created.body.temporalUrl == "http://temporal-ui.test/namespaces/default/workflows/send-${created.body.id}"

        and: 'APNs received exactly those 5 notifications, each once, with topic, push type and payload'
        def received = apns.receivedFor(allTokens + bystander)
        received*.token().sort() == allTokens.sort()
        received.every { it.header('apns-topic') == 'com.example.shop' }
        received.every { it.header('apns-push-type') == 'alert' }
        received.every { it.header('apns-priority') == '10' }
        received.every { it.header('apns-collapse-id') == created.body.id }
        received.every {
            new JsonSlurper().parseText(it.payload()) == [
                    aps   : [alert: [title: 'Order shipped', body: 'Your parcel is on its way']],
                    orderId: 'A-1001', items: 3,
                    herald: [sendId: created.body.id]]
        }

        and: 'the send is complete with 5 accepted deliveries'
        def send = call('GET', "/v1/sends/${created.body.id}", null, tenant.key())
        send.body.status == 'completed'
        send.body.deliveries == [total: 5, pending: 0, accepted: 5, failed: 0, suppressed: 0, deferred: 0]

        and: 'the ledger has one accepted row per device, carrying the apns-id APNs saw'
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items as List<Map>
        rows.size() == 5
        rows.every { it.status == 'accepted' && it.channel == 'apns' && it.providerStatus == 200 && it.attempts == 1 }
        rows*.userId.sort() == ['alice', 'alice', 'bob', 'bob', 'carol']
        rows*.providerMessageId.sort() == received*.header('apns-id').sort()
    }

    def "without credentials an app's pushes go to the capture provider and can be read back"() {
        given:
        def tenant = newTenant()
        def token = apnsToken()
        tenant.upsertUser('erin')
        tenant.registerDevice('erin', [provider: 'APNS', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['erin'], title: 'Hello', body: 'From the sandbox'], tenant.key())
        awaitSend(created.body.id)
        def captured = call('GET', "/v1/captured-pushes?sendId=${created.body.id}", null, tenant.key())

        then: 'nothing went to APNs'
        apns.receivedFor([token]).isEmpty()

        and: 'the capture shows what APNs would have received'
        captured.status == 200
        captured.body.items.size() == 1
        with(captured.body.items[0]) {
            it.token == token
            it.provider == 'APNS'
            it.headers['apns-push-type'] == 'alert'
            it.payload == [aps: [alert: [title: 'Hello', body: 'From the sandbox']], herald: [sendId: created.body.id]]
        }

        and: 'the ledger records the capture as accepted'
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
        rows*.channel == ['capture']
        rows*.status == ['accepted']
    }

    def "a background push is silent, normal priority and carries only data"() {
        given:
        def tenant = newTenant()
        tenant.useApns('com.example.sync')
        def token = apnsToken()
        tenant.upsertUser('frank')
        tenant.registerDevice('frank', [provider: 'APNS', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['frank'], pushType: 'background', data: [sync: 'inbox']], tenant.key())
        awaitSend(created.body.id)
        def received = apns.receivedFor([token])

        then:
        received.size() == 1
        received[0].header('apns-push-type') == 'background'
        received[0].header('apns-priority') == '5'
        new JsonSlurper().parseText(received[0].payload()) == [aps: ['content-available': 1], sync: 'inbox', herald: [sendId: created.body.id]]
    }
}
