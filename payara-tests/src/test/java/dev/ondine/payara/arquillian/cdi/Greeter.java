package dev.ondine.payara.arquillian.cdi;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** An application-scoped CDI bean: one instance for every endpoint instance of the application. */
@ApplicationScoped
public class Greeter {
    private final String id = UUID.randomUUID().toString();

    public String greet(String name) {
        return "hello " + name;
    }

    public String id() {
        return id;
    }
}
