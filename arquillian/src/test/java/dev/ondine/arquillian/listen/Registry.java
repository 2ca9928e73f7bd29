package dev.ondine.arquillian.listen;

import jakarta.websocket.server.ServerContainer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the listeners of an archive saw, for its {@link LateEndpoint} to tell (one copy per archive). */
public final class Registry {
    public static volatile ServerContainer container;
    public static final List<String> events = new CopyOnWriteArrayList<>();

    private Registry() {
    }
}
