package dev.herald.api.automation

import dev.herald.api.support.Tenant
import dev.herald.workflows.common.HeraldSearchAttributes
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

/** Publishing a new version never changes runs under way: they finish on the version they started with. */
@MicronautTest(transactional = false)
class AutomationVersionSpec extends AutomationHarness {

    def "runs waiting on version 1 finish on version 1 while new runs take version 2"() {
        given:
        Tenant tenant = newTenant()
        tenant.useApns()
        def v1 = example('cart-abandonment')
        publish(tenant, 'cart', v1)
        def ida = userWithPhone(tenant, 'ida')
        def jack = userWithPhone(tenant, 'jack')
        def kim = userWithPhone(tenant, 'kim')

        when: 'two users start runs on version 1'
        event(tenant, 'ida', 'cart.updated', [items: 1])
        event(tenant, 'jack', 'cart.updated', [items: 4])
        def idaRun = runAt(tenant, 'cart', 'ida', 'checkout')
        def jackRun = runAt(tenant, 'cart', 'jack', 'checkout')

        and: 'version 2 waits three hours and says something else'
        def v2 = v1 + [steps: [v1.steps[0] + [timeout: '3h'], v1.steps[1] + [title: 'Your cart misses you']]]
        def published = publish(tenant, 'cart', v2)
        event(tenant, 'kim', 'cart.updated', [items: 2])
        def kimRun = runAt(tenant, 'cart', 'kim', 'checkout')

        then:
        published.version == 2
        [idaRun, jackRun, kimRun]*.version == [1, 1, 2]

        and: 'each run carries its version for operators'
        searchAttribute(idaRun, HeraldSearchAttributes.AUTOMATION_VERSION) == '1'
        searchAttribute(kimRun, HeraldSearchAttributes.AUTOMATION_VERSION) == '2'
        searchAttribute(kimRun, HeraldSearchAttributes.AUTOMATION) == 'cart'
        searchAttribute(kimRun, HeraldSearchAttributes.USER_ID) == 'kim'
        searchAttribute(kimRun, HeraldSearchAttributes.KIND) == 'automation'
        searchAttribute(kimRun, HeraldSearchAttributes.ORG_ID) == tenant.orgId.toString()

        when: 'an hour passes: the version-1 runs remind, with version 1 text'
        skip(Duration.ofMinutes(61))
        awaitRun(idaRun)
        awaitRun(jackRun)

        then:
        [ida, jack].every { pushesTo(it).size() == 1 && aps(pushesTo(it)[0]).aps.alert.title == 'Forgot something?' }
        pushesTo(kim).isEmpty()
        run(tenant, kimRun.id).status == 'running'

        when: 'three hours have passed for the version-2 run'
        skip(Duration.ofHours(2))
        awaitRun(kimRun)

        then:
        aps(pushesTo(kim)[0]).aps.alert.title == 'Your cart misses you'
        runs(tenant, 'cart', 'ida')[0].subMap('status', 'version') == [status: 'completed', version: 1]
        runs(tenant, 'cart', 'kim')[0].subMap('status', 'version') == [status: 'completed', version: 2]
    }

    String searchAttribute(Map run, key) {
        workflowClient.newUntypedWorkflowStub(run.workflowId as String).describe().typedSearchAttributes.get(key)
    }
}
