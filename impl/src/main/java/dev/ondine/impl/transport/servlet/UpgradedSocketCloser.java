package dev.ondine.impl.transport.servlet;

import jakarta.servlet.ServletInputStream;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends an upgraded connection's socket where the container would otherwise wait for an event
 * on it. Tomcat (and what embeds it: TomEE, Spring Boot) acts on {@code WebConnection.close()}
 * only when one of its threads next processes the socket; closed from any other thread (our
 * close timeout, an idle timeout) the socket of a peer that stays silent stayed open for good.
 * Tomcat's own WebSocket implementation closes such a socket through its socket wrapper, from
 * any thread; this does the same through the wrapper that Tomcat's upgraded input stream holds
 * (found by reflection: the Servlet API offers no way). On any other container, or when the
 * lookup fails, it does nothing and the container's own behaviour stands.
 */
final class UpgradedSocketCloser {
    private static final Logger LOG = Logger.getLogger(UpgradedSocketCloser.class.getName());
    private static final String TOMCAT_INPUT = "org.apache.coyote.http11.upgrade.UpgradeServletInputStream";
    private static final String TOMCAT_WRAPPER = "org.apache.tomcat.util.net.SocketWrapperBase";

    private UpgradedSocketCloser() {
    }

    /** Closes the socket under {@code in} if the container is one that needs it; true if it did. */
    static boolean closeSocket(ServletInputStream in) {
        if (in == null || !in.getClass().getName().equals(TOMCAT_INPUT)) {
            return false;
        }
        try {
            Field f = in.getClass().getDeclaredField("socketWrapper");
            f.setAccessible(true);
            Object wrapper = f.get(in);
            Method close = publicClose(wrapper);
            if (close == null) {
                return false;
            }
            close.invoke(wrapper);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot close Tomcat's upgraded socket directly; it closes on its next event", e);
            return false;
        }
    }

    /** {@code SocketWrapperBase.close()}, a public method of a public class, or null. */
    private static Method publicClose(Object wrapper) throws NoSuchMethodException {
        for (Class<?> c = wrapper == null ? null : wrapper.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(TOMCAT_WRAPPER)) {
                return c.getMethod("close");
            }
        }
        return null;
    }
}
