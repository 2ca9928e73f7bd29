package dev.ondine.impl.jakarta.server;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ondine's container default {@link ServerEndpointConfig.Configurator}, found by the API
 * through {@code META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator}
 * (Jakarta WebSocket 2.2 §3.1.4): the behaviour of every configurator method a user's
 * configurator does not override.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /** The first subprotocol the client asked for that the endpoint supports, or "" (§3.1.2). */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String r : requested) {
            for (String s : supported) {
                if (s.equals(r)) {
                    return r;
                }
            }
        }
        return "";
    }

    /**
     * The installed extensions the client asked for, in the client's order, each once
     * (§3.1.3). The installed object is returned, not the client's offer: a container then
     * knows its own extension, and Ondine's engine settles the offer's parameters itself
     * (RFC 7692 §7.1). Other implementations that share a class path with Ondine and find
     * this default through the API's ServiceLoader get their own extension objects back.
     */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> result = new ArrayList<>();
        for (Extension r : requested) {
            for (Extension i : installed) {
                if (i.getName().equals(r.getName()) && !result.contains(i)) {
                    result.add(i);
                    break;
                }
            }
        }
        return result;
    }

    /**
     * The container's {@link dev.ondine.api.OriginPolicy} (RFC 6455 §10.2): by default the
     * server's own origin and a configured allow-list. Outside a handshake (nothing to
     * compare with) every origin passes.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        HandshakeInProgress h = HandshakeInProgress.current();
        return h == null || h.policy.allows(originHeaderValue, h.host);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // Nothing to add by default.
    }

    /**
     * A new instance per connection (§3.1.7): made by the server's CDI container when the
     * application has one (so that injection works, §7.1), else through the public
     * no-argument constructor.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (cdiPresent(endpointClass)) {
            try {
                T injected = CdiEndpoints.newInstance(endpointClass);
                if (injected != null) {
                    return injected;
                }
            } catch (RuntimeException e) {
                throw instantiation(endpointClass, "CDI could not create it: " + e, e);
            }
        }
        try {
            Constructor<T> c = endpointClass.getConstructor();
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw instantiation(endpointClass, "it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw instantiation(endpointClass, "its constructor threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | InstantiationException e) {
            throw instantiation(endpointClass, e.toString(), e);
        }
    }

    /**
     * Whether the CDI API can be seen from the endpoint's class loader and from Ondine's,
     * found once per endpoint class: a failed {@code Class.forName} costs two class path
     * searches and an exception, which was a visible part of every handshake.
     */
    private static final ClassValue<Boolean> CDI_PRESENT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> endpointClass) {
            try {
                Class.forName("jakarta.enterprise.inject.spi.CDI", false, endpointClass.getClassLoader());
                Class.forName("jakarta.enterprise.inject.spi.CDI", false, DefaultServerConfigurator.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    };

    private static boolean cdiPresent(Class<?> endpointClass) {
        return CDI_PRESENT.get(endpointClass);
    }

    private static InstantiationException instantiation(Class<?> type, String why, Throwable cause) {
        InstantiationException e = new InstantiationException("Cannot create " + type.getName() + ": " + why);
        e.initCause(cause);
        return e;
    }
}
