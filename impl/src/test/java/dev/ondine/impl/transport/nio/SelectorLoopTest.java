package dev.ondine.impl.transport.nio;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertSame;

class SelectorLoopTest {

    @Test
    void theLoopThreadDoesNotKeepItsCreatorsContextClassLoader() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], null);
        Thread caller = Thread.currentThread();
        ClassLoader previous = caller.getContextClassLoader();
        SelectorLoop loop;
        caller.setContextClassLoader(application);
        try {
            loop = new SelectorLoop("test-loop", true);
        } finally {
            caller.setContextClassLoader(previous);
        }
        loop.start();
        try {
            CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
            loop.execute(() -> seen.complete(Thread.currentThread().getContextClassLoader()));
            assertSame(SelectorLoop.class.getClassLoader(), seen.get(5, TimeUnit.SECONDS));
        } finally {
            loop.shutdown();
            loop.awaitStopped(5, TimeUnit.SECONDS);
        }
    }
}
