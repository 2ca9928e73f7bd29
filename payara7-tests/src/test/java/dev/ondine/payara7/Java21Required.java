package dev.ondine.payara7;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Runs a test class only when {@link Java21} finds a JDK for Payara Micro 7; otherwise each of
 * its tests is reported skipped with what was looked at (Surefire's report), and the reason is
 * logged once as a WARNING on the console. (An assumption in {@code @BeforeAll} would abort the
 * class, which Surefire reports as 0 tests run, with no word of why.)
 */
final class Java21Required implements ExecutionCondition {
    private static final Logger LOG = Logger.getLogger(Java21Required.class.getName());
    private static Java21.Lookup lookup;
    private static boolean told;

    /** The binary found (only called from a class this condition let run). */
    static synchronized Path java() throws Exception {
        return lookup().java().orElseThrow();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why;
        try {
            Java21.Lookup found = lookup();
            if (found.java().isPresent()) {
                return ConditionEvaluationResult.enabled("Java " + Java21.MINIMUM + "+ at " + found.java().get());
            }
            why = found.whyNone();
        } catch (Exception e) {
            why = "Looking for a Java " + Java21.MINIMUM + "+ JDK failed: " + e;
        }
        tellOnce(why);
        return ConditionEvaluationResult.disabled(why);
    }

    private static synchronized void tellOnce(String why) {
        if (!told) {
            told = true;
            LOG.warning("SKIPPED: " + why);
        }
    }

    private static synchronized Java21.Lookup lookup() throws Exception {
        if (lookup == null) {
            lookup = Java21.find();
        }
        return lookup;
    }
}
