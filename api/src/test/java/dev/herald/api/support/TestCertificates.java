package dev.herald.api.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Self-signed TLS material for loopback protocol peers, and APNs-style signing keys. */
public final class TestCertificates {

    public record ServerIdentity(X509Certificate certificate, KeyPair keyPair, Path certificatePem) {
    }

    private TestCertificates() {
    }

    /** A certificate for localhost and 127.0.0.1, also written as PEM for clients to trust. */
    public static ServerIdentity localhost() {
        return forAddress("127.0.0.1");
    }

    /** A certificate for localhost and one loopback address, also written as PEM for clients to trust. */
    public static ServerIdentity forAddress(String ip) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, ip)}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
            Path pem = Files.createTempFile("herald-test-peer", ".pem");
            Files.writeString(pem, pem("CERTIFICATE", certificate.getEncoded()));
            pem.toFile().deleteOnExit();
            return new ServerIdentity(certificate, keyPair, pem);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /**
     * The authority that stands in for Apple's push certificate CA: the mock APNs server trusts
     * client certificates it signed. Made once per test JVM, never written anywhere but a temp file.
     */
    public record Authority(X509Certificate certificate, KeyPair keyPair) {
    }

    private static Authority pushCertificateAuthority;

    public static synchronized Authority pushCertificateAuthority() {
        if (pushCertificateAuthority == null) {
            try {
                KeyPair keyPair = rsaKeyPair();
                X500Name name = new X500Name("CN=Herald Test Push CA, O=Herald Test");
                Instant now = Instant.now();
                var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, keyPair.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
                pushCertificateAuthority = new Authority(certificate, keyPair);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test push CA", e);
            }
        }
        return pushCertificateAuthority;
    }

    /**
     * An APNs push certificate as Keychain Access exports it: a .p12 holding the private key and
     * a client certificate whose subject carries the bundle id as UID, like Apple's.
     *
     * @param issuer   who signs it: {@link #pushCertificateAuthority()} for one the mock APNs trusts
     * @param notAfter when it expires
     */
    public static byte[] apnsPushCertificateP12(String bundleId, String password, Authority issuer, Instant notAfter) {
        try {
            KeyPair keyPair = rsaKeyPair();
            // in DER order, so that it reads like Apple's: UID=<bundle>,CN=Apple Push Services: <bundle>,OU=<team>,O=…,C=US
            X500Name subject = new X500Name("C=US, O=Herald Test, OU=TEAM123456, CN=Apple Push Services: " + bundleId
                    + ", UID=" + bundleId);
            Instant now = Instant.now();
            Instant notBefore = notAfter.isBefore(now) ? notAfter.minus(Duration.ofDays(30)) : now.minus(Duration.ofDays(1));
            var builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.keyPair().getPrivate())));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("Apple Push Services: " + bundleId, keyPair.getPrivate(), password.toCharArray(),
                    new Certificate[]{certificate, issuer.certificate()});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test push certificate", e);
        }
    }

    /** A .p12 that holds only a certificate, no private key (a trust store, not a push certificate). */
    public static byte[] certificateOnlyP12(String password) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setCertificateEntry("ca", pushCertificateAuthority().certificate());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keyStore.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh authority the mock APNs does not trust. */
    public static Authority untrustedAuthority() {
        try {
            KeyPair keyPair = rsaKeyPair();
            X500Name name = new X500Name("CN=Somebody Else's CA");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            return new Authority(new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()))), keyPair);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** An APNs signing key as Apple hands it out: a PKCS#8 P-256 key in a .p8 PEM file. */
    public static String apnsSigningKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
