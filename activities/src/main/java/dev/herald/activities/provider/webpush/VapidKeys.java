package dev.herald.activities.provider.webpush;

import dev.herald.domain.credential.StoredCredential;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.util.Base64;
import java.util.Optional;

/**
 * An app's VAPID key pair (RFC 8292): a P-256 key whose public half, base64url of the
 * uncompressed point, is what browsers take as {@code applicationServerKey}.
 */
public record VapidKeys(String publicKey, String privateKey) {

    public static final String PUBLIC_KEY = "publicKey";
    public static final String SUBJECT = "subject";

    static {
        registerBouncyCastle();
    }

    /** web-push loads keys through the BouncyCastle provider. */
    public static synchronized void registerBouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    /**
     * The VAPID contact ({@code sub}, RFC 8292) an app's pushes are signed with: the app's own
     * {@code subject}, else the operator's ({@code HERALD_WEBPUSH_SUBJECT}). Push services want
     * one (Apple's refuses a push without it), so with none the app's key pair only lets browsers
     * subscribe: its Web Push devices are not pushed for real.
     */
    public static Optional<String> contact(StoredCredential credential, String operatorSubject) {
        String own = credential.settings().get(SUBJECT);
        if (own != null && !own.isBlank()) {
            return Optional.of(own);
        }
        return operatorSubject == null || operatorSubject.isBlank() ? Optional.empty() : Optional.of(operatorSubject);
    }

    public static VapidKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ECDH", BouncyCastleProvider.PROVIDER_NAME);
            generator.initialize(ECNamedCurveTable.getParameterSpec("prime256v1"));
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return new VapidKeys(b64.encodeToString(Utils.encode((ECPublicKey) pair.getPublic())),
                    b64.encodeToString(Utils.encode((ECPrivateKey) pair.getPrivate())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** Whether the two halves load and belong together. */
    public boolean isValid() {
        try {
            return Utils.verifyKeyPair(Utils.loadPrivateKey(privateKey), Utils.loadPublicKey(publicKey));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
