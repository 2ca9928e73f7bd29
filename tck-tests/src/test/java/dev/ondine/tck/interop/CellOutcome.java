package dev.ondine.tck.interop;

/** Thrown by a check that ends in something other than a pass or a failure. */
final class CellOutcome extends RuntimeException {
    final Outcome outcome;

    private CellOutcome(Outcome outcome, String reason) {
        super(reason, null, false, false);
        this.outcome = outcome;
    }

    static CellOutcome notYet(String reason) {
        return new CellOutcome(Outcome.NOT_YET, reason);
    }

    static CellOutcome notApplicable(String reason) {
        return new CellOutcome(Outcome.NA, reason);
    }
}
