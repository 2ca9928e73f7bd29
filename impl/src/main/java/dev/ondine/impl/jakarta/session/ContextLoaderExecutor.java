package dev.ondine.impl.jakarta.session;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs each task with a given thread context class loader, over another
 * executor whose lifecycle it forwards. See {@link DispatchExecutors#create(String, ClassLoader)}.
 */
final class ContextLoaderExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;
    private final ClassLoader loader;

    ContextLoaderExecutor(ExecutorService delegate, ClassLoader loader) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = loader;
    }

    /** The context class loader the tasks run with. */
    ClassLoader loader() {
        return loader;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        delegate.execute(() -> {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                task.run();
            } finally {
                t.setContextClassLoader(previous);
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
