package dev.ondine.tck.interop;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Renders the interoperability matrix once the whole test plan has run (registered through
 * {@code META-INF/services}, so Surefire's JUnit Platform launcher calls it after the last
 * test class, whatever the order of the classes and whether some failed).
 */
public class InteropReportListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            System.out.println(InteropReport.render());
        } catch (Exception | Error e) {
            System.err.println("interop: the matrix could not be rendered: " + e);
        }
    }
}
