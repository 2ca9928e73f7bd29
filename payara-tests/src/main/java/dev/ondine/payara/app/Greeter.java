package dev.ondine.payara.app;

import jakarta.enterprise.context.ApplicationScoped;

/** A CDI bean the endpoint has injected: proof that Ondine made the endpoint through CDI. */
@ApplicationScoped
public class Greeter {
    public String greet() {
        return "injected";
    }
}
