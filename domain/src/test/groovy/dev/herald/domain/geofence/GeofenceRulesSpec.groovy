package dev.herald.domain.geofence

import spock.lang.Specification

import static dev.herald.domain.geofence.GeofenceTrigger.*

class GeofenceRulesSpec extends Specification {

    def "#name at (#lat, #lon) r=#radius #triggers dwell=#dwell priority=#priority → #fields"() {
        expect:
        GeofenceRules.validate(name, lat, lon, radius, triggers as Set, dwell, priority)*.field == fields

        where:
        name    | lat    | lon     | radius | triggers             | dwell | priority || fields
        'Store' | 52.52  | 13.405  | 150    | [ENTER]              | null  | 10       || []
        'Store' | -90    | -180    | 100    | [ENTER, EXIT]        | null  | 0        || []
        'Store' | 90     | 180     | 50_000 | [DWELL]              | 1440  | 1000     || []
        'Store' | 52.5   | 13.4    | 150    | [ENTER, DWELL]       | 5     | null     || []
        null    | 52.5   | 13.4    | 150    | [ENTER]              | null  | 0        || ['name']
        'Store' | 90.01  | 13.4    | 150    | [ENTER]              | null  | 0        || ['latitude']
        'Store' | null   | 13.4    | 150    | [ENTER]              | null  | 0        || ['latitude']
        'Store' | 52.5   | -180.5  | 150    | [ENTER]              | null  | 0        || ['longitude']
        'Store' | 52.5   | 13.4    | 99     | [ENTER]              | null  | 0        || ['radiusMeters']
        'Store' | 52.5   | 13.4    | 50_001 | [ENTER]              | null  | 0        || ['radiusMeters']
        'Store' | 52.5   | 13.4    | 150    | []                   | null  | 0        || ['triggers']
        'Store' | 52.5   | 13.4    | 150    | [DWELL]              | null  | 0        || ['dwellMinutes']
        'Store' | 52.5   | 13.4    | 150    | [DWELL]              | 0     | 0        || ['dwellMinutes']
        'Store' | 52.5   | 13.4    | 150    | [DWELL]              | 1441  | 0        || ['dwellMinutes']
        'Store' | 52.5   | 13.4    | 150    | [ENTER]              | 5     | 0        || ['dwellMinutes']
        'Store' | 52.5   | 13.4    | 150    | [ENTER]              | null  | -1       || ['priority']
        'Store' | 52.5   | 13.4    | 150    | [ENTER]              | null  | 1001     || ['priority']
    }
}
