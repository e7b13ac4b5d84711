package dev.herald.api.support

/** An org made for a spec: its admin key, its app and helpers to act as server or client. */
class Tenant {

    final HeraldSpec spec
    final UUID orgId
    final String adminKey
    final UUID appId
    final String jwtSecret

    Tenant(HeraldSpec spec, UUID orgId, String adminKey, UUID appId, String jwtSecret) {
        this.spec = spec
        this.orgId = orgId
        this.adminKey = adminKey
        this.appId = appId
        this.jwtSecret = jwtSecret
    }

    Map<String, String> key() {
        ['x-api-key': adminKey]
    }

    HeraldSpec.Response upsertUser(String userId, Map profile = [:]) {
        def response = spec.call('PUT', "/v1/users/$userId", profile, key())
        assert response.status in [200, 201]: response
        response
    }

    Map registerDevice(String userId, Map device) {
        def response = spec.call('POST', "/v1/users/$userId/devices", device, key())
        assert response.status in [200, 201]: response
        response.body
    }

    /** A session JWT for a user, minted by Herald for this tenant's app. */
    String session(String userId) {
        def response = spec.call('POST', "/v1/users/$userId/sessions", [:], key())
        assert response.status == 201: response
        response.body.token
    }

    Map<String, String> bearer(String token) {
        ['Authorization': "Bearer $token".toString()]
    }

    /** Gives the app an APNs token-auth credential (a fresh .p8 key). */
    Map useApns(String bundleId = 'dev.herald.test', String environment = 'production') {
        def response = spec.call('PUT', "/v1/apps/$appId/credentials/apns", [
                keyId      : 'ABCDE12345', teamId: 'TEAM123456', bundleId: bundleId, environment: environment,
                privateKey : TestCertificates.apnsSigningKeyPem()], key())
        assert response.status == 200: response
        response.body
    }

    /** Gives the app an FCM credential: a fresh service account of {@code projectId} known to the local FCM server. */
    Map useFcm(String projectId = 'herald-test') {
        def response = spec.call('PUT', "/v1/apps/$appId/credentials/fcm", [serviceAccount: HeraldSpec.fcm.newServiceAccount(projectId)], key())
        assert response.status == 200: response
        response.body
    }

    /**
     * Gives the app a VAPID key pair, as an admin does; with a contact ({@code subject}) its Web
     * Push devices are pushed for real, without one they are captured. Returns the public key.
     */
    String useWebPush(String subject = 'mailto:ops@example.com') {
        def response = spec.call('POST', "/v1/apps/$appId/webpush/vapid-keys", subject ? [subject: subject] : [:], key())
        assert response.status == 201: response
        response.body.publicKey
    }

    /** The app's VAPID public key, as a browser would fetch it (the pair must exist). */
    String vapidPublicKey() {
        def response = spec.call('GET', "/v1/apps/$appId/webpush/vapid-public-key", null, key())
        assert response.status == 200: response
        response.body.publicKey
    }

    /** Forwards the app's ONESIGNAL devices to a new app on the local OneSignal server; returns its id and key. */
    Map<String, String> useOneSignal() {
        def app = HeraldSpec.oneSignal.newApp()
        def response = spec.call('PUT', "/v1/apps/$appId/credentials/onesignal", app, key())
        assert response.status == 200: response
        app
    }
}
