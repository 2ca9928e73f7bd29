package dev.ondine.payara.arquillian;

import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.core.api.annotation.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The WARNING and SEVERE records Ondine logs inside the embedded server (same JVM, and
 * java.util.logging loggers are shared by name whatever the class loader), for tests that
 * check what the server's log says. Attached once the server has started: Payara resets the
 * logging configuration while it starts.
 */
public class OndineLog {
    static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static final Logger ONDINE = Logger.getLogger("dev.ondine");

    public void attach(@Observes AfterStart event) {
        ONDINE.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    RECORDS.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** The messages of the records logged so far at SEVERE. */
    static List<String> severe() {
        return RECORDS.stream().filter(r -> r.getLevel() == Level.SEVERE).map(LogRecord::getMessage).toList();
    }
}
