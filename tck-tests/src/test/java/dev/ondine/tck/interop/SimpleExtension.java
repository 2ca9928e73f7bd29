package dev.ondine.tck.interop;

import jakarta.websocket.Extension;

import java.util.List;

/** An extension offer by name, without parameters (for clients that take any {@link Extension}). */
final class SimpleExtension implements Extension {
    private final String name;

    SimpleExtension(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Parameter> getParameters() {
        return List.of();
    }
}
