package dev.ondine.tck.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One column of the matrix: a peer's cells, recorded by a test and written to
 * {@code target/interop/SIDE--PEER.tsv}, from which {@link InteropReport} renders
 * docs/interop.md once the whole test run is over.
 */
public final class MatrixColumn {
    private final Side side;
    private final String peer;
    private volatile String title;
    private final Map<Check, String[]> cells = new EnumMap<>(Check.class);

    public MatrixColumn(Side side, String peer, String title) {
        this.side = side;
        this.peer = peer;
        this.title = title;
    }

    @Override
    public String toString() {
        return side.id + "/" + peer;
    }

    public void title(String title) {
        this.title = title;
    }

    public synchronized void record(Check check, Outcome outcome, String reason) {
        cells.put(check, new String[] {outcome.name(), clean(reason == null ? "" : reason)});
    }

    public synchronized boolean has(Check check) {
        return cells.containsKey(check);
    }

    /** Addresses, ports and line breaks differ from run to run; the matrix must not. */
    static String clean(String reason) {
        String r = reason.replaceAll("(127\\.0\\.0\\.1|localhost|\\[::1\\]):\\d+", "$1:PORT")
                .replaceAll("[\\t\\r\\n]+", " ")
                .replaceAll("\\s{2,}", " ")
                .trim();
        return r.length() > 300 ? r.substring(0, 297) + "..." : r;
    }

    static Path dir() {
        return Path.of(System.getProperty("ondine.interop.dir", "target/interop"));
    }

    /** Writes the column; cells that were never recorded are written as failures ("not run"). */
    public synchronized void write() {
        List<String> lines = new ArrayList<>();
        lines.add("#\t" + clean(title));
        for (Check c : Check.values()) {
            String[] cell = cells.getOrDefault(c, new String[] {"FAIL", "not run (the test stopped before this check)"});
            lines.add(c.id() + "\t" + cell[0] + "\t" + cell[1]);
        }
        try {
            Files.createDirectories(dir());
            Files.write(dir().resolve(side.id + "--" + peer + ".tsv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when a cell failed that {@link KnownIssues} does not list, was never recorded, or
     * does not pass and names no reason.
     * Writes the column first.
     */
    public synchronized void writeAndAssertNoNewFailures() {
        write();
        List<String> unexpected = new ArrayList<>();
        for (Check c : Check.values()) {
            String[] cell = cells.get(c);
            if (cell == null) {
                unexpected.add(c.id() + ": not run");
            } else if (!cell[0].equals("PASS") && cell[1].isEmpty()
                    && !(cell[0].equals("FAIL") && KnownIssues.reason(side, peer, c) != null)) {
                unexpected.add(c.id() + ": " + cell[0] + " without a reason (every cell that does not pass names one)");
            } else if (cell[0].equals("FAIL") && KnownIssues.reason(side, peer, c) == null) {
                unexpected.add(c.id() + ": " + cell[1]);
            } else if (cell[0].equals("PASS") && KnownIssues.reason(side, peer, c) != null) {
                System.out.println("interop: " + side.id + "/" + peer + "/" + c.id()
                        + " passes now: remove it from KnownIssues");
            }
        }
        if (!unexpected.isEmpty()) {
            fail(side.title + ", " + title + ": cells failed that are not known issues:\n  "
                    + String.join("\n  ", unexpected));
        }
    }
}
