package dev.ondine.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process (user + system) read from Linux's {@code /proc/PID/stat}, in clock
 * ticks (USER_HZ, 100 per second on Linux). Read at both ends of a measured window it says
 * how busy the server's core and the generator's own were: when the server's is below one
 * core while the generator's is at one, the figure measures the generator, not the server.
 */
final class CpuClock {
    private static final double TICKS_PER_SECOND = 100.0;
    private final Path stat;

    private CpuClock(Path stat) {
        this.stat = stat;
    }

    static CpuClock self() {
        return new CpuClock(Path.of("/proc/self/stat"));
    }

    /** The clock of another process, or null when its stat file cannot be read (not Linux, gone). */
    static CpuClock of(long pid) {
        CpuClock c = new CpuClock(Path.of("/proc/" + pid + "/stat"));
        return c.seconds() < 0 ? null : c;
    }

    /** User plus system CPU seconds so far, or -1 when unreadable. */
    double seconds() {
        try {
            String s = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // After the name: f[0] is field 3 (state); utime is field 14, stime field 15.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
