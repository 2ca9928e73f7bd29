package dev.ondine.arquillian;

import java.util.List;

/**
 * What became of one archive's WebSocket deployment on the standalone server. Holds only
 * names, never the archive's classes, so keeping a report keeps nothing of the deployment.
 *
 * @param archiveName the archive's name, such as {@code chat.war}
 * @param contextPath its context path: {@code ""} for the root, else {@code "/chat"}
 * @param endpointPaths the endpoint paths in service (relative to the context path); empty after an error
 * @param error the deployment error (Jakarta WebSocket 2.2 §5.2.1), naming the class and the
 *              reason; null when the endpoints deployed
 * @param ignored what the archive has that needs a servlet container (servlets, listeners,
 *                {@code ServletContainerInitializer}s, {@code web.xml}): not run standalone
 * @param warnings what may make the deployment serve less than the archive holds: WebSocket
 *                 classes of the archive shadowed by the server's class path, no endpoint at all
 */
public record DeploymentReport(String archiveName, String contextPath, List<String> endpointPaths, String error,
                               List<String> ignored, List<String> warnings) {

    public DeploymentReport {
        endpointPaths = List.copyOf(endpointPaths);
        ignored = List.copyOf(ignored);
        warnings = List.copyOf(warnings);
    }

    /** Whether the WebSocket deployment failed. */
    public boolean failed() {
        return error != null;
    }
}
