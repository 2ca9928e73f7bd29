package dev.ondine.impl.jakarta.annotated;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the records of one java.util.logging logger while open, keeping them off the console. */
final class LogCapture extends Handler implements AutoCloseable {

    final List<LogRecord> records = new ArrayList<>();
    private final Logger logger;
    private final boolean parentHandlers;

    LogCapture(Class<?> loggingClass) {
        this.logger = Logger.getLogger(loggingClass.getName());
        this.parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
