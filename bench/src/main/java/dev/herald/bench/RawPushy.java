package dev.herald.bench;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: Pushy alone sending N pushes to the same mock, with the same connection count
 * and in-flight bound Herald's APNs client uses, and nothing else (no database, no workflow).
 */
final class RawPushy {

    private RawPushy() {
    }

    static double devicesPerSecond(int port, File trustedCertificate, String signingKeyPem, int devices, int inFlight) throws Exception {
        ApnsClient client = new ApnsClientBuilder()
                .setApnsServer("localhost", port)
                .setTrustedServerCertificateChain(trustedCertificate)
                .setSigningKey(ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(signingKeyPem.getBytes(StandardCharsets.UTF_8)),
                        "TEAM123456", "ABCDE12345"))
                .setConcurrentConnections(1)
                .build();
        try {
            Semaphore window = new Semaphore(inFlight);
            AtomicLong accepted = new AtomicLong();
            Random random = new Random(11);
            byte[] token = new byte[32];
            String payload = "{\"aps\":{\"alert\":{\"title\":\"Benchmark\",\"body\":\"Raw Pushy\"}}}";
            long start = System.nanoTime();
            for (int i = 0; i < devices; i++) {
                random.nextBytes(token);
                window.acquire();
                client.sendNotification(new SimpleApnsPushNotification(HexFormat.of().formatHex(token), "dev.herald.bench", payload))
                        .whenComplete((response, failure) -> {
                            if (failure == null && response.isAccepted()) {
                                accepted.incrementAndGet();
                            }
                            window.release();
                        });
            }
            window.acquire(inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (accepted.get() != devices) {
                throw new IllegalStateException("raw Pushy: only " + accepted.get() + " of " + devices + " accepted");
            }
            return devices / seconds;
        } finally {
            client.close().get();
        }
    }
}
