package dev.ondine.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.List;

/**
 * PEM files (RFC 7468) as {@link TlsConfig} reads them: certificates parsed with the JDK's
 * {@link CertificateFactory}, an unencrypted PKCS#8 private key with its {@link KeyFactory}.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** A key store holding the PEM files' key and chain under the alias {@code server}. */
    static KeyStore keyAndChain(Path chainFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(chainFile);
        String keyText = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (keyText.contains("-----BEGIN RSA PRIVATE KEY-----") || keyText.contains("-----BEGIN EC PRIVATE KEY-----")
                || keyText.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IOException(keyFile + " is not an unencrypted PKCS#8 key; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        List<byte[]> keyBlocks = blocks(keyText, "PRIVATE KEY");
        if (keyBlocks.size() != 1) {
            throw new IOException("Expected one PRIVATE KEY block in " + keyFile + ", found " + keyBlocks.size());
        }
        PrivateKey key = privateKey(keyBlocks.get(0), keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, new char[0], chain.toArray(new Certificate[0]));
        return ks;
    }

    /** A key store whose trusted entries are the certificates of a PEM file (certificate authorities). */
    static KeyStore trusted(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(file)) {
            ks.setCertificateEntry("trusted-" + i++, c);
        }
        return ks;
    }

    /** Every certificate of a PEM file, in order; at least one. */
    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<byte[]> blocks = blocks(text, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new IOException("No CERTIFICATE block in " + file);
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        for (byte[] der : blocks) {
            certificates.addAll(cf.generateCertificates(new ByteArrayInputStream(der)));
        }
        return certificates;
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
    static List<byte[]> blocks(String text, String label) throws IOException {
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
}
