package dev.ondine.api;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * TLS for the standalone server ({@code wss://}): where the server's certificate and private
 * key come from, and which protocol versions it speaks. Either a key store (PKCS#12 or JKS,
 * with its password) or two PEM files (the certificate chain, leaf first, and an unencrypted
 * PKCS#8 private key, RSA or EC), or a ready {@link SSLContext}:
 *
 * <pre>{@code
 * OndineServer.builder().port(8443)
 *         .tls(TlsConfig.keyStore(Path.of("server.p12"), "secret".toCharArray()))
 *         ...
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

    /** The protocol versions enabled by default. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Path keyStore;
    private final char[] keyStorePassword;
    private final String keyStoreType;
    private final char[] keyPassword;
    private final Path certificateChain;
    private final Path privateKey;
    private final SSLContext sslContext;
    private final List<String> protocols;

    private TlsConfig(Path keyStore, char[] keyStorePassword, String keyStoreType, char[] keyPassword,
                      Path certificateChain, Path privateKey, SSLContext sslContext, List<String> protocols) {
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.keyStoreType = keyStoreType;
        this.keyPassword = keyPassword;
        this.certificateChain = certificateChain;
        this.privateKey = privateKey;
        this.sslContext = sslContext;
        this.protocols = protocols;
    }

    /** The certificate and key of a PKCS#12 or JKS key store (type from the file name). */
    public static TlsConfig keyStore(Path path, char[] password) {
        return new TlsConfig(Objects.requireNonNull(path, "path"), password == null ? new char[0] : password.clone(),
                null, null, null, null, null, DEFAULT_PROTOCOLS);
    }

    /** A PEM certificate chain (server certificate first) and an unencrypted PKCS#8 PEM private key (RSA or EC). */
    public static TlsConfig pem(Path certificateChain, Path privateKey) {
        return new TlsConfig(null, null, null, null, Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(privateKey, "privateKey"), null, DEFAULT_PROTOCOLS);
    }

    /** A context built elsewhere (its key managers give the server's certificate). */
    public static TlsConfig sslContext(SSLContext context) {
        return new TlsConfig(null, null, null, null, null, null, Objects.requireNonNull(context, "context"),
                DEFAULT_PROTOCOLS);
    }

    /**
     * The TLS settings named by the keys of this class, or null when neither
     * {@link #KEY_STORE} nor {@link #CERTIFICATE_CHAIN} is set.
     *
     * @throws IllegalArgumentException when the settings are incomplete
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
        return new TlsConfig(keyStore, keyStorePassword, keyStoreType, keyPassword, certificateChain, privateKey,
                sslContext, List.copyOf(list));
    }

    /** The same settings with an explicit key store type ({@code PKCS12}, {@code JKS}). */
    public TlsConfig withKeyStoreType(String type) {
        return new TlsConfig(keyStore, keyStorePassword, Objects.requireNonNull(type, "type"), keyPassword,
                certificateChain, privateKey, sslContext, protocols);
    }

    /** The same settings with a password for the key inside the key store. */
    public TlsConfig withKeyPassword(char[] password) {
        return new TlsConfig(keyStore, keyStorePassword, keyStoreType, password.clone(), certificateChain, privateKey,
                sslContext, protocols);
    }

    /** The protocol versions to enable. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Loads the certificate and key and builds the server's context.
     *
     * @throws IOException when a file cannot be read or holds no usable certificate or key
     */
    public SSLContext createSslContext() throws IOException {
        if (sslContext != null) {
            return sslContext;
        }
        try {
            KeyStore ks;
            char[] keyPw;
            if (keyStore != null) {
                ks = KeyStore.getInstance(keyStoreType != null ? keyStoreType : typeOf(keyStore));
                try (InputStream in = Files.newInputStream(keyStore)) {
                    ks.load(in, keyStorePassword);
                }
                keyPw = keyPassword != null ? keyPassword : keyStorePassword;
            } else {
                ks = fromPem(certificateChain, privateKey);
                keyPw = new char[0];
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, keyPw);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS from " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** A key store holding the PEM files' key and chain under the alias {@code server}. */
    static KeyStore fromPem(Path chainFile, Path keyFile) throws IOException, GeneralSecurityException {
        String chainText = Files.readString(chainFile, StandardCharsets.US_ASCII);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<byte[]> certBlocks = pemBlocks(chainText, "CERTIFICATE");
        if (certBlocks.isEmpty()) {
            throw new IOException("No CERTIFICATE block in " + chainFile);
        }
        List<Certificate> chain = new ArrayList<>();
        for (byte[] der : certBlocks) {
            Collection<? extends Certificate> certs = cf.generateCertificates(new java.io.ByteArrayInputStream(der));
            chain.addAll(certs);
        }
        String keyText = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (keyText.contains("-----BEGIN RSA PRIVATE KEY-----") || keyText.contains("-----BEGIN EC PRIVATE KEY-----")
                || keyText.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IOException(keyFile + " is not an unencrypted PKCS#8 key; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        List<byte[]> keyBlocks = pemBlocks(keyText, "PRIVATE KEY");
        if (keyBlocks.size() != 1) {
            throw new IOException("Expected one PRIVATE KEY block in " + keyFile + ", found " + keyBlocks.size());
        }
        PrivateKey key = privateKey(keyBlocks.get(0), keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, new char[0], chain.toArray(new Certificate[0]));
        return ks;
    }

    private static PrivateKey privateKey(byte[] pkcs8, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : new String[] {"RSA", "EC", "RSASSA-PSS", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new IOException("The key in " + file + " is neither an RSA nor an EC PKCS#8 private key");
    }

    /** The DER contents of every {@code -----BEGIN label-----} block of {@code text}, in order. */
    static List<byte[]> pemBlocks(String text, String label) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        List<byte[]> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = text.indexOf(begin, from);
            if (b < 0) {
                return blocks;
            }
            int e = text.indexOf(end, b + begin.length());
            if (e < 0) {
                throw new IOException("Unterminated PEM block " + label);
            }
            String body = text.substring(b + begin.length(), e);
            try {
                blocks.add(Base64.getMimeDecoder().decode(body));
            } catch (IllegalArgumentException ex) {
                throw new IOException("Invalid base64 in PEM block " + label, ex);
            }
            from = e + end.length();
        }
    }

    private static String typeOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    private String describe() {
        if (keyStore != null) {
            return "key store " + keyStore;
        }
        return "PEM files " + certificateChain + " and " + privateKey;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (sslContext != null ? "SSLContext" : describe()) + ", protocols=" + protocols + "]";
    }
}
