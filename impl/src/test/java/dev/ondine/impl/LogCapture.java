package dev.ondine.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The {@code java.util.logging} records of a logger and its children, for tests that check
 * what Ondine logs; {@link #close} detaches it and restores the logger's level (and its
 * parent handlers, for a {@link #quiet} capture).
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level levelBefore;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level level, boolean quiet) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        this.parentHandlers = logger.getUseParentHandlers();
        setLevel(Level.ALL);
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(this);
        if (quiet) {
            logger.setUseParentHandlers(false);
        }
    }

    /** Captures {@code loggerName} and below, at the logger's own level. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(Logger.getLogger(loggerName), null, false);
    }

    /** Captures the logger of {@code loggingClass}, keeping its records off the console. */
    public static LogCapture quiet(Class<?> loggingClass) {
        return new LogCapture(Logger.getLogger(loggingClass.getName()), null, true);
    }

    /** Captures {@code loggerName} and below, down to {@code level}. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(Logger.getLogger(loggerName), level, false);
    }

    public List<LogRecord> records() {
        return records;
    }

    /** The records at {@code level} or above. */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).collect(Collectors.toList());
    }

    /** The messages of the records at {@code level} exactly. */
    public List<String> messagesAt(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).collect(Collectors.toList());
    }

    /** At most ten records, for an assertion's message. */
    public static String describe(List<LogRecord> rs) {
        return rs.size() + " records: " + rs.stream().limit(10)
                .map(r -> r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .collect(Collectors.joining("; "));
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
        logger.setUseParentHandlers(parentHandlers);
    }
}
