package dev.ondine.impl.protocol.proxy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A user and password for the Basic authentication scheme (RFC 7617), as sent to a proxy in
 * {@code Proxy-Authorization} (RFC 9110 §11.7.2). {@link #toString()} never shows the password.
 */
public final class BasicCredentials {
    private final String user;
    private final char[] password;

    /**
     * @throws IllegalArgumentException if the user holds a colon (RFC 7617 §2: the user-id
     *         may not contain one) or either holds a control character (RFC 7617 §2)
     */
    public BasicCredentials(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name may not contain a colon (RFC 7617 §2)");
        }
        if (hasControl(user) || hasControl(CharBuffer.wrap(password))) {
            throw new IllegalArgumentException("Basic credentials may not contain control characters (RFC 7617 §2)");
        }
        this.user = user;
        this.password = password.clone();
    }

    /**
     * {@code user:password}, split at the first colon (RFC 7617 §2: the user-id has none).
     *
     * @throws IllegalArgumentException without a colon
     */
    public static BasicCredentials parse(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("credentials must read user:password");
        }
        return new BasicCredentials(userColonPassword.substring(0, colon),
                userColonPassword.substring(colon + 1).toCharArray());
    }

    public String user() {
        return user;
    }

    /**
     * The field value of {@code Proxy-Authorization}: {@code Basic} and the Base64 of
     * {@code user:password} in UTF-8 (RFC 7617 §2, §2.1: the only charset a server may ask for).
     */
    public String authorization() {
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(chars);
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        Arrays.fill(chars.array(), '\0');
        String value = "Basic " + Base64.getEncoder().encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        return value;
    }

    private static boolean hasControl(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + user + ", password hidden]";
    }
}
