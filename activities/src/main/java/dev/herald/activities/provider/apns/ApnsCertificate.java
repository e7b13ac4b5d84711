package dev.herald.activities.provider.apns;

import dev.herald.domain.FieldError;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;

/**
 * An APNs client certificate (.p12) as Herald reads it before storing it: the certificate of
 * its private key entry, found the way Pushy will look for it when it opens the connection.
 *
 * @param subject  the certificate's subject (RFC 2253), e.g. {@code UID=com.example.app,CN=Apple Push Services: …}
 * @param topic    the bundle id Apple put in the subject's UID, when it has one
 * @param sha256   the SHA-256 of the certificate (DER), as hex
 */
public record ApnsCertificate(String subject, String topic, Instant notBefore, Instant expiresAt, String sha256) {

    /** Why a .p12 cannot be used, naming the request field to blame. */
    public static final class Unusable extends Exception {
        private final transient FieldError error;

        Unusable(String field, String message) {
            super(field + ": " + message);
            this.error = new FieldError(field, message);
        }

        public FieldError error() {
            return error;
        }
    }

    /** The bytes of a base64 .p12 as the API receives it (line breaks allowed, nothing else). */
    public static byte[] decode(String base64, String certificateField) throws Unusable {
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Unusable(certificateField, "is not base64 (encode the .p12 file, e.g. base64 -w0 cert.p12)");
        }
    }

    /**
     * Reads a .p12 as Pushy will.
     *
     * @param certificateField the request field holding the .p12, named when it is the problem
     * @param passwordField    the request field holding its password, named when that is wrong
     */
    public static ApnsCertificate read(byte[] p12, String password, Instant now, String certificateField,
                                       String passwordField) throws Unusable {
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(p12), password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new Unusable(passwordField, "does not open the .p12 file");
            }
            throw new Unusable(certificateField, "is not a PKCS#12 (.p12) file");
        } catch (GeneralSecurityException e) {
            throw new Unusable(certificateField, "is not a PKCS#12 (.p12) file");
        }
        X509Certificate certificate = privateKeyCertificate(keyStore, password, passwordField);
        if (certificate == null) {
            throw new Unusable(certificateField,
                    "holds no private key with its certificate (export both from Keychain Access as one .p12)");
        }
        Instant expiresAt = certificate.getNotAfter().toInstant();
        if (!expiresAt.isAfter(now)) {
            throw new Unusable(certificateField, "expired at " + expiresAt + "; renew it in Apple's developer portal");
        }
        return new ApnsCertificate(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                uid(certificate), certificate.getNotBefore().toInstant(), expiresAt, sha256(certificate));
    }

    /** The certificate of the first private key entry, as Pushy picks it; null when there is none. */
    private static X509Certificate privateKeyCertificate(KeyStore keyStore, String password, String passwordField) throws Unusable {
        try {
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
            Enumeration<String> aliases = keyStore.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (!keyStore.isKeyEntry(alias)) {
                    continue;
                }
                KeyStore.Entry entry;
                try {
                    entry = keyStore.getEntry(alias, protection);
                } catch (UnrecoverableKeyException e) {
                    throw new Unusable(passwordField, "opens the .p12 file but not its private key");
                }
                if (entry instanceof KeyStore.PrivateKeyEntry keyEntry) {
                    Certificate certificate = keyEntry.getCertificate();
                    return certificate instanceof X509Certificate x509 ? x509 : null;
                }
            }
            return null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static String uid(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs(BCStyle.UID)) {
            return IETFUtils.valueToString(rdn.getFirst().getValue());
        }
        return null;
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As shown in place of the secret: {@code sha256:} and the first 8 bytes, like every credential's fingerprint. */
    public String fingerprint() {
        return "sha256:" + sha256.substring(0, 16);
    }
}
