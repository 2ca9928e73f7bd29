package com.sun.example.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An application endpoint in a {@code com.sun.*} package, as every endpoint of the official TCK
 * is ({@code com.sun.ts.tests.*}); like those, it is on the test class path too.
 */
@ServerEndpoint("/sun")
public class SunPackageEndpoint {
    @OnMessage
    public String echo(String message) {
        return "sun:" + message;
    }
}
