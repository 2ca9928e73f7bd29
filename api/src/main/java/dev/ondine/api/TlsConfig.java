package dev.ondine.api;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * TLS for the standalone server ({@code wss://}): where the server's certificate and private
 * key come from, which protocol versions it speaks, and whether it asks clients for a
 * certificate. Either a key store (PKCS#12 or JKS, with its password) or two PEM files (the
 * certificate chain, leaf first, and an unencrypted PKCS#8 private key, RSA or EC), or a ready
 * {@link SSLContext}:
 *
 * <pre>{@code
 * OndineServer.builder().port(8443)
 *         .tls(TlsConfig.keyStore(Path.of("server.p12"), "secret".toCharArray()))
 *         ...
 * }</pre>
 *
 * <p><b>Client certificates.</b> {@link #withClientAuth(ClientAuth)} makes the server ask for
 * one ({@link ClientAuth#WANT}) or refuse clients without one ({@link ClientAuth#NEED}, in the
 * TLS handshake, before any HTTP). Certificates are checked against the certificate authorities
 * of {@link #withTrustStore}, {@link #withTrustedCertificates} or {@link #withTrustManagers}
 * (default: the JDK's trust store); a certificate that fails the check fails the TLS handshake
 * in both modes. The verified chain reaches the application as
 * {@link ConnectionInfo#peerCertificates()}, and its subject as the session's user principal:
 *
 * <pre>{@code
 * TlsConfig.pem(Path.of("server.crt"), Path.of("server.key"))
 *         .withClientAuth(TlsConfig.ClientAuth.NEED)
 *         .withTrustedCertificates(Path.of("clients-ca.pem"))
 * }</pre>
 *
 * {@link #fromProperties(Function)} reads the same settings from the keys below (system
 * properties or a configuration map). Only HTTP/1.1 is spoken, so there is no ALPN.
 */
public final class TlsConfig {
    /** Path of a PKCS#12 ({@code .p12}, {@code .pfx}) or JKS ({@code .jks}) key store. */
    public static final String KEY_STORE = "ondine.tls.keyStore";
    /** Password of the key store (and of its key, unless {@link #KEY_PASSWORD} is set). */
    public static final String KEY_STORE_PASSWORD = "ondine.tls.keyStorePassword";
    /** Type of the key store: {@code PKCS12} or {@code JKS} (default: from the file name, else PKCS12). */
    public static final String KEY_STORE_TYPE = "ondine.tls.keyStoreType";
    /** Password of the private key inside the key store, when it differs from the store's. */
    public static final String KEY_PASSWORD = "ondine.tls.keyPassword";
    /** Path of a PEM file with the certificate chain, the server's certificate first. */
    public static final String CERTIFICATE_CHAIN = "ondine.tls.certificateChain";
    /** Path of a PEM file with the unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    public static final String PRIVATE_KEY = "ondine.tls.privateKey";
    /** Comma-separated TLS protocol versions (default {@code TLSv1.3,TLSv1.2}). */
    public static final String PROTOCOLS = "ondine.tls.protocols";
    /** Client certificates: {@code none} (default), {@code want} or {@code need} ({@link ClientAuth}). */
    public static final String CLIENT_AUTH = "ondine.tls.clientAuth";
    /** Path of a PKCS#12 or JKS key store of the certificate authorities trusted for client certificates. */
    public static final String TRUST_STORE = "ondine.tls.trustStore";
    /** Password of the trust store (none by default). */
    public static final String TRUST_STORE_PASSWORD = "ondine.tls.trustStorePassword";
    /** Type of the trust store: {@code PKCS12} or {@code JKS} (default: from the file name, else PKCS12). */
    public static final String TRUST_STORE_TYPE = "ondine.tls.trustStoreType";
    /** Path of a PEM file of the certificate authorities trusted for client certificates. */
    public static final String TRUSTED_CERTIFICATES = "ondine.tls.trustedCertificates";

    /** The protocol versions enabled by default. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Whether the server asks TLS clients for a certificate (RFC 8446 §4.3.2, RFC 5246 §7.4.4). */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** A certificate is asked for; a client without one is served, with no certificate and no user principal. */
        WANT,
        /** A certificate is required: a client without one fails the TLS handshake. */
        NEED;

        /** {@code none}, {@code want} or {@code need}, in any case. */
        public static ClientAuth parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CLIENT_AUTH + " must be none, want or need, not '" + value + "'", e);
            }
        }
    }

    // Set by the factories and the with... methods on a fresh copy only: a TlsConfig never changes.
    private Path keyStore;
    private char[] keyStorePassword;
    private String keyStoreType;
    private char[] keyPassword;
    private Path certificateChain;
    private Path privateKey;
    private SSLContext sslContext;
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private Path trustStore;
    private char[] trustStorePassword;
    private String trustStoreType;
    private Path trustedCertificates;
    private TrustManager[] trustManagers;

    private TlsConfig() {
    }

    private TlsConfig copy() {
        TlsConfig c = new TlsConfig();
        c.keyStore = keyStore;
        c.keyStorePassword = keyStorePassword;
        c.keyStoreType = keyStoreType;
        c.keyPassword = keyPassword;
        c.certificateChain = certificateChain;
        c.privateKey = privateKey;
        c.sslContext = sslContext;
        c.protocols = protocols;
        c.clientAuth = clientAuth;
        c.trustStore = trustStore;
        c.trustStorePassword = trustStorePassword;
        c.trustStoreType = trustStoreType;
        c.trustedCertificates = trustedCertificates;
        c.trustManagers = trustManagers;
        return c;
    }

    /** The certificate and key of a PKCS#12 or JKS key store (type from the file name). */
    public static TlsConfig keyStore(Path path, char[] password) {
        TlsConfig c = new TlsConfig();
        c.keyStore = Objects.requireNonNull(path, "path");
        c.keyStorePassword = password == null ? new char[0] : password.clone();
        return c;
    }

    /** A PEM certificate chain (server certificate first) and an unencrypted PKCS#8 PEM private key (RSA or EC). */
    public static TlsConfig pem(Path certificateChain, Path privateKey) {
        TlsConfig c = new TlsConfig();
        c.certificateChain = Objects.requireNonNull(certificateChain, "certificateChain");
        c.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        return c;
    }

    /**
     * A context built elsewhere: its key managers give the server's certificate, its trust
     * managers judge client certificates ({@link #withClientAuth}).
     */
    public static TlsConfig sslContext(SSLContext context) {
        TlsConfig c = new TlsConfig();
        c.sslContext = Objects.requireNonNull(context, "context");
        return c;
    }

    /**
     * The TLS settings named by the keys of this class, or null when neither
     * {@link #KEY_STORE} nor {@link #CERTIFICATE_CHAIN} is set.
     *
     * @throws IllegalArgumentException when the settings are incomplete or a value is invalid
     */
    public static TlsConfig fromProperties(Function<String, String> properties) {
        String store = blankToNull(properties.apply(KEY_STORE));
        String chain = blankToNull(properties.apply(CERTIFICATE_CHAIN));
        String key = blankToNull(properties.apply(PRIVATE_KEY));
        TlsConfig config;
        if (store != null) {
            String password = properties.apply(KEY_STORE_PASSWORD);
            config = keyStore(Path.of(store), password == null ? new char[0] : password.toCharArray());
            String type = blankToNull(properties.apply(KEY_STORE_TYPE));
            if (type != null) {
                config = config.withKeyStoreType(type);
            }
            String keyPw = properties.apply(KEY_PASSWORD);
            if (keyPw != null) {
                config = config.withKeyPassword(keyPw.toCharArray());
            }
        } else if (chain != null || key != null) {
            if (chain == null || key == null) {
                throw new IllegalArgumentException(CERTIFICATE_CHAIN + " and " + PRIVATE_KEY + " go together");
            }
            config = pem(Path.of(chain), Path.of(key));
        } else {
            return null;
        }
        String protocols = blankToNull(properties.apply(PROTOCOLS));
        if (protocols != null) {
            config = config.withProtocols(protocols.split("\\s*,\\s*"));
        }
        return withClientCertificateProperties(config, properties);
    }

    private static TlsConfig withClientCertificateProperties(TlsConfig config, Function<String, String> properties) {
        String auth = blankToNull(properties.apply(CLIENT_AUTH));
        if (auth != null) {
            config = config.withClientAuth(ClientAuth.parse(auth));
        }
        String trust = blankToNull(properties.apply(TRUST_STORE));
        if (trust != null) {
            String password = properties.apply(TRUST_STORE_PASSWORD);
            config = config.withTrustStore(Path.of(trust), password == null ? null : password.toCharArray());
            String type = blankToNull(properties.apply(TRUST_STORE_TYPE));
            if (type != null) {
                config = config.withTrustStoreType(type);
            }
        }
        String trusted = blankToNull(properties.apply(TRUSTED_CERTIFICATES));
        if (trusted != null) {
            config = config.withTrustedCertificates(Path.of(trusted));
        }
        return config;
    }

    /** The same settings with these protocol versions enabled (e.g. {@code "TLSv1.3"}). */
    public TlsConfig withProtocols(String... versions) {
        List<String> list = new ArrayList<>();
        for (String v : versions) {
            if (v != null && !v.isBlank()) {
                list.add(v.trim());
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("At least one TLS protocol version is needed");
        }
        TlsConfig c = copy();
        c.protocols = List.copyOf(list);
        return c;
    }

    /** The same settings with an explicit key store type ({@code PKCS12}, {@code JKS}). */
    public TlsConfig withKeyStoreType(String type) {
        TlsConfig c = copy();
        c.keyStoreType = Objects.requireNonNull(type, "type");
        return c;
    }

    /** The same settings with a password for the key inside the key store. */
    public TlsConfig withKeyPassword(char[] password) {
        TlsConfig c = copy();
        c.keyPassword = password.clone();
        return c;
    }

    /** The same settings asking clients for a certificate ({@link ClientAuth#WANT}) or requiring one ({@link ClientAuth#NEED}). */
    public TlsConfig withClientAuth(ClientAuth mode) {
        TlsConfig c = copy();
        c.clientAuth = Objects.requireNonNull(mode, "mode");
        return c;
    }

    /**
     * The same settings trusting, for client certificates, the certificate authorities of a
     * PKCS#12 or JKS key store (type from the file name; password null for none).
     */
    public TlsConfig withTrustStore(Path path, char[] password) {
        TlsConfig c = copy();
        c.trustStore = Objects.requireNonNull(path, "path");
        c.trustStorePassword = password == null ? null : password.clone();
        return c;
    }

    /** The same settings with an explicit trust store type ({@code PKCS12}, {@code JKS}). */
    public TlsConfig withTrustStoreType(String type) {
        TlsConfig c = copy();
        c.trustStoreType = Objects.requireNonNull(type, "type");
        return c;
    }

    /** The same settings trusting, for client certificates, the certificate authorities of a PEM file. */
    public TlsConfig withTrustedCertificates(Path pemFile) {
        TlsConfig c = copy();
        c.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
        return c;
    }

    /** The same settings judging client certificates with these trust managers. */
    public TlsConfig withTrustManagers(TrustManager... managers) {
        if (managers.length == 0) {
            throw new IllegalArgumentException("At least one trust manager is needed");
        }
        TlsConfig c = copy();
        c.trustManagers = managers.clone();
        return c;
    }

    /** The protocol versions to enable. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether clients are asked for a certificate. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Loads the certificate and key (and the trusted certificate authorities) and builds the
     * server's context.
     *
     * @throws IOException when a file cannot be read or holds no usable certificate or key
     * @throws IllegalStateException when trust settings are combined with a ready {@link SSLContext},
     *         or several of them are given
     */
    public SSLContext createSslContext() throws IOException {
        int trustSources = (trustStore != null ? 1 : 0) + (trustedCertificates != null ? 1 : 0)
                + (trustManagers != null ? 1 : 0);
        if (trustSources > 1) {
            throw new IllegalStateException("Give one of a trust store, trusted certificates or trust managers");
        }
        if (sslContext != null) {
            if (trustSources > 0) {
                throw new IllegalStateException("A ready SSLContext judges client certificates with its own trust managers");
            }
            return sslContext;
        }
        try {
            KeyStore ks;
            char[] keyPw;
            if (keyStore != null) {
                ks = load(keyStore, keyStoreType, keyStorePassword);
                keyPw = keyPassword != null ? keyPassword : keyStorePassword;
            } else {
                ks = PemFiles.keyAndChain(certificateChain, privateKey);
                keyPw = new char[0];
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, keyPw);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS from " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** The trust managers for client certificates; null: the JDK's default (its trust store). */
    private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        if (trustManagers != null) {
            return trustManagers.clone();
        }
        KeyStore trusted;
        if (trustStore != null) {
            trusted = load(trustStore, trustStoreType, trustStorePassword);
        } else if (trustedCertificates != null) {
            trusted = PemFiles.trusted(trustedCertificates);
        } else {
            return null;
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return tmf.getTrustManagers();
    }

    private static KeyStore load(Path path, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type != null ? type : typeOf(path));
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static String typeOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    private String describe() {
        String keys = keyStore != null ? "key store " + keyStore : "PEM files " + certificateChain + " and " + privateKey;
        if (trustStore != null) {
            return keys + ", trust store " + trustStore;
        }
        return trustedCertificates != null ? keys + ", trusted certificates " + trustedCertificates : keys;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (sslContext != null ? "SSLContext" : describe()) + ", protocols=" + protocols
                + (clientAuth == ClientAuth.NONE ? "" : ", clientAuth=" + clientAuth) + "]";
    }
}
