package dev.ondine.tck.interop;

/** What one cell of the matrix came to. */
public enum Outcome {
    /** The pair did it, checked on both sides where the peer lets us look. */
    PASS,
    /** The pair failed; the cell names the reason. */
    FAIL,
    /** A feature Ondine does not have yet (the test is ready to flip when it lands). */
    NOT_YET,
    /** The peer cannot do it at all (for instance, a browser cannot send a ping). */
    NA;

    static Outcome parse(String s) {
        switch (s) {
            case "PASS": return PASS;
            case "FAIL": return FAIL;
            case "NOT_YET": return NOT_YET;
            case "NA": return NA;
            default: throw new IllegalArgumentException("Not an outcome: " + s);
        }
    }
}
