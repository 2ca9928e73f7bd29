package dev.ondine.arquillian.listen;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

import java.util.Set;

/** An initializer of a library jar that registers a context listener by its class. */
public class AddingInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(DeclaredListener.class);
    }
}
