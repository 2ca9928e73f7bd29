package dev.ondine.impl.jakarta.server;

import jakarta.websocket.DeploymentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The endpoints deployed in a server container, by path. Registration refuses a path that
 * another endpoint already serves (Jakarta WebSocket 2.2 §3.1.1: two endpoints may not have
 * equivalent paths); lookup follows the specification's precedence.
 */
final class EndpointRegistry {
    private final CopyOnWriteArrayList<EndpointRegistration> registrations = new CopyOnWriteArrayList<>();

    synchronized void add(EndpointRegistration r) throws DeploymentException {
        for (EndpointRegistration existing : registrations) {
            if (existing.template.sameShapeAs(r.template)) {
                throw new DeploymentException("Duplicate endpoint path: '" + r.template + "' of "
                        + r.config.getEndpointClass().getName() + " is equivalent to '" + existing.template + "' of "
                        + existing.config.getEndpointClass().getName());
            }
        }
        registrations.add(r);
    }

    void remove(EndpointRegistration r) {
        registrations.remove(r);
    }

    List<EndpointRegistration> all() {
        return new ArrayList<>(registrations);
    }

    /** The endpoint that serves {@code path}, with its variables, or null. */
    Match find(String path) {
        EndpointRegistration best = null;
        Map<String, String> bestValues = null;
        for (EndpointRegistration r : registrations) {
            Map<String, String> values = r.template.match(path);
            if (values != null && (best == null || r.template.compareTo(best.template) < 0)) {
                best = r;
                bestValues = values;
            }
        }
        return best == null ? null : new Match(best, bestValues);
    }

    /** An endpoint found for a path. */
    record Match(EndpointRegistration registration, Map<String, String> pathParameters) {
    }
}
