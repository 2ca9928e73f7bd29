package dev.ondine.impl.jakarta.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deploys the endpoints of one application from its scanned classes (Jakarta WebSocket 2.2
 * §6.2): when the application has {@link ServerApplicationConfig} implementations, each
 * chooses among the scanned {@code @ServerEndpoint} classes and {@link Endpoint}
 * subclasses, and the union of their choices is deployed; without one, every scanned
 * {@code @ServerEndpoint} class is deployed (programmatic endpoints need a configuration).
 *
 * <p>§5.2.1: a deployment error halts the application's deployment; the endpoints this
 * deployment had already added are removed again before the error is thrown.
 */
public final class ApplicationDeployment {
    private ApplicationDeployment() {
    }

    public static void deploy(OndineServerContainer container, Set<Class<?>> scanned) throws DeploymentException {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        List<Class<? extends ServerApplicationConfig>> appConfigs = new ArrayList<>();
        for (Class<?> c : scanned) {
            if (isConcrete(c) && ServerApplicationConfig.class.isAssignableFrom(c)) {
                appConfigs.add(c.asSubclass(ServerApplicationConfig.class));
            } else if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            } else if (isConcrete(c) && Endpoint.class.isAssignableFrom(c)) {
                programmatic.add(c.asSubclass(Endpoint.class));
            }
        }
        Set<Class<?>> chosenAnnotated = new LinkedHashSet<>();
        Set<ServerEndpointConfig> chosenConfigs = new LinkedHashSet<>();
        if (appConfigs.isEmpty()) {
            chosenAnnotated.addAll(annotated);
        } else {
            for (Class<? extends ServerApplicationConfig> type : appConfigs) {
                ServerApplicationConfig sac;
                try {
                    sac = type.getConstructor().newInstance();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new DeploymentException("Cannot create the ServerApplicationConfig " + type.getName(), e);
                }
                Set<Class<?>> a = sac.getAnnotatedEndpointClasses(new LinkedHashSet<>(annotated));
                if (a != null) {
                    chosenAnnotated.addAll(a);
                }
                Set<ServerEndpointConfig> p = sac.getEndpointConfigs(new LinkedHashSet<>(programmatic));
                if (p != null) {
                    chosenConfigs.addAll(p);
                }
            }
        }
        List<String> before = container.paths();
        try {
            for (Class<?> c : chosenAnnotated) {
                container.addEndpoint(c);
            }
            for (ServerEndpointConfig config : chosenConfigs) {
                container.addEndpoint(config);
            }
        } catch (DeploymentException | RuntimeException e) {
            container.removeEndpointsExcept(before);
            throw e;
        }
    }

    private static boolean isConcrete(Class<?> c) {
        return !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
    }
}
