package dev.herald.domain.geofence

import spock.lang.Specification

import java.time.Instant

import static dev.herald.domain.geofence.GeofenceSelection.Platform.ANDROID
import static dev.herald.domain.geofence.GeofenceSelection.Platform.IOS

class GeofenceSelectionSpec extends Specification {

    static final double LAT = 52.5200, LON = 13.4050

    static Geofence fence(String name, double lat, double lon, int priority, boolean enabled = true) {
        new Geofence(UUID.nameUUIDFromBytes(name.bytes), UUID.randomUUID(), name, lat, lon, 200, [GeofenceTrigger.ENTER] as Set,
                null, priority, enabled, Instant.EPOCH, Instant.EPOCH)
    }

    def "fences are ranked by priority, then distance: #expected"() {
        expect:
        GeofenceSelection.select(fences, LAT, LON, IOS, 50_000)*.fence()*.name() == expected

        where:
        fences                                                                                   || expected
        [fence('far', 52.60, 13.40, 0), fence('near', 52.521, 13.405, 0)]                       || ['near', 'far']
        [fence('near-low', 52.521, 13.405, 1), fence('far-high', 52.60, 13.40, 5)]              || ['far-high', 'near-low']
        [fence('off', 52.521, 13.405, 9, false), fence('on', 52.53, 13.405, 0)]                 || ['on']
        [fence('out-of-range', 48.13, 11.58, 9), fence('in', 52.53, 13.405, 0)]                 || ['in']
        []                                                                                       || []
    }

    def "#platform gets at most #cap fences, the most important ones"() {
        given:
        def fences = (1..150).collect { fence("f$it", LAT + it * 0.0001, LON, it % 3) }

        when:
        def selected = GeofenceSelection.select(fences, LAT, LON, platform, 50_000)

        then:
        selected.size() == cap
        selected*.fence()*.priority() == selected*.fence()*.priority().sort { -it }
        selected.every { it.fence().priority() == 2 } == (cap <= 50)
        // among equal priorities, nearer first
        selected.findAll { it.fence().priority() == 2 }*.distanceMeters() == selected.findAll { it.fence().priority() == 2 }*.distanceMeters().sort()

        where:
        platform || cap
        IOS      || 20
        ANDROID  || 100
    }

    def "distance between #a and #b is about #km km"() {
        expect:
        Math.abs(GeofenceSelection.distanceMeters(a[0], a[1], b[0], b[1]) / 1000 - km) < 0.5

        where:
        a                  | b                  || km
        [52.5200, 13.4050] | [48.1351, 11.5820] || 504
        [0, 0]             | [0, 0]             || 0
        [0, 179.9]         | [0, -179.9]        || 22.2
    }
}
