package dev.ondine.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The peers outside Java that some tests run against: Python 3 with the {@code websockets} library,
 * Node.js with the npm packages of a folder, Chromium, and the HTTP proxy tinyproxy. Each method returns the peer, or ends the
 * calling test: skipped through a JUnit assumption whose message says what is missing and how to get
 * it (Surefire counts it as skipped and prints the message), or failed with the same message when the
 * system property {@value #REQUIRE} is {@code true} (CI sets it, so that a missing peer never passes
 * unnoticed there).
 *
 * <p>Peers are looked for on the {@code PATH} (the first one that works), unless a system property
 * names one: {@code ondine.python3}, {@code ondine.node}, {@code ondine.npm}, {@code ondine.chromium},
 * {@code ondine.tinyproxy}.
 * What was found is remembered for the rest of the JVM.
 */
public final class ExternalPeers {
    /** {@code -Dondine.requireExternalPeers=true}: a missing peer fails the test instead of skipping it. */
    public static final String REQUIRE = "ondine.requireExternalPeers";

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    private static final Map<String, Found> FOUND = new ConcurrentHashMap<>();

    private ExternalPeers() {
    }

    /** What was looked for: the peer, or why it is not there. */
    private record Found(String peer, String missing) {
    }

    /**
     * A Python 3 interpreter that imports {@code websockets}: {@code -Dondine.python3=PATH}, else the first
     * {@code python3} on the PATH that does.
     */
    public static String pythonWebsockets() {
        return require(FOUND.computeIfAbsent("python", k -> findPython()));
    }

    /** Node.js 18 or later: {@code -Dondine.node=PATH}, else {@code node} on the PATH. */
    public static String node() {
        return require(FOUND.computeIfAbsent("node", k -> findNode()));
    }

    /**
     * Node.js, with the npm packages of {@code dir} installed into {@code dir/node_modules} from its
     * committed {@code package-lock.json} ({@code npm ci}, once, when they are missing or older than the
     * lock file). Returns {@code dir}.
     */
    public static Path npmPackages(Path dir, String... packages) {
        node();
        Path abs = dir.toAbsolutePath().normalize();
        require(FOUND.computeIfAbsent("npm:" + abs, k -> installNpmPackages(abs, packages)));
        return abs;
    }

    /**
     * Chromium (or Chrome) to run headless: {@code -Dondine.chromium=PATH}, else {@code chromium},
     * {@code chromium-browser}, {@code google-chrome} on the PATH, in that order.
     */
    public static String chromium() {
        return require(FOUND.computeIfAbsent("chromium", k -> findChromium()));
    }

    /**
     * tinyproxy, a small HTTP proxy (Debian's package {@code tinyproxy}): {@code -Dondine.tinyproxy=PATH}, else
     * {@code tinyproxy} on the PATH, else {@code /usr/bin/tinyproxy} or {@code /usr/sbin/tinyproxy}.
     */
    public static String tinyproxy() {
        return require(FOUND.computeIfAbsent("tinyproxy", k -> findTinyproxy()));
    }

    /** Whether a missing peer fails the test ({@value #REQUIRE}) rather than skipping it. */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRE);
    }

    private static String require(Found found) {
        if (found.missing() == null) {
            return found.peer();
        }
        if (required()) {
            Assertions.fail(found.missing() + " [-D" + REQUIRE + "=true: a missing peer is a failure]");
        }
        String reason = found.missing() + " [-D" + REQUIRE + "=true makes this a failure]";
        // Surefire counts the skipped test but does not print an assumption's message: this is the one line.
        System.out.println("[WARNING] SKIPPED " + caller() + ": " + reason);
        Assumptions.assumeTrue(false, reason);
        throw new AssertionError("unreachable");
    }

    /** The test that asked: the outermost method of the nearest class named *Test (else the nearest caller). */
    private static String caller() {
        List<StackWalker.StackFrame> outside = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(ExternalPeers.class.getName()))
                .toList());
        String testClass = outside.stream().map(StackWalker.StackFrame::getClassName)
                .filter(c -> c.endsWith("Test")).findFirst().orElse(null);
        StackWalker.StackFrame f = null;
        for (StackWalker.StackFrame x : outside) {
            if (testClass == null ? f == null : x.getClassName().equals(testClass)) {
                f = x;
            }
        }
        if (f == null) {
            return "?";
        }
        String c = f.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
    }

    // ------------------------------------------------------------------------------------------ lookups

    private static Found findPython() {
        List<String> candidates = candidates("ondine.python3", "python3");
        List<String> tried = new ArrayList<>();
        for (String python : candidates) {
            Run r = run(null, 30, python, "-c", "import websockets; print(websockets.__version__)");
            if (r.ok()) {
                return new Found(python, null);
            }
            tried.add(python);
        }
        return new Found(null, "Python 3 with the websockets library not found ("
                + (tried.isEmpty() ? "no python3 on the PATH" : "none imports websockets: " + String.join(", ", tried))
                + "; -Dondine.python3=PATH names one). Debian/Ubuntu: sudo apt-get install python3 python3-websockets;"
                + " elsewhere: pip install websockets");
    }

    private static Found findNode() {
        List<String> tried = new ArrayList<>();
        for (String node : candidates("ondine.node", "node")) {
            Run r = run(null, 30, node, "--version");
            String v = r.output().trim();
            if (r.ok() && v.matches("v\\d+\\..*")) {
                int major = Integer.parseInt(v.substring(1, v.indexOf('.')));
                if (major >= 18) {
                    return new Found(node, null);
                }
                tried.add(node + " " + v);
            } else {
                tried.add(node);
            }
        }
        return new Found(null, "Node.js 18+ not found (" + (tried.isEmpty() ? "no node on the PATH" : "tried " + String.join(", ", tried))
                + "; -Dondine.node=PATH names one). Debian/Ubuntu: sudo apt-get install nodejs npm; elsewhere: https://nodejs.org");
    }

    private static Found findChromium() {
        List<String> candidates = new ArrayList<>();
        String named = System.getProperty("ondine.chromium");
        if (named != null && !named.isBlank()) {
            candidates.add(named);
        } else {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                candidates.addAll(onPath(name));
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return new Found(c, null);
            }
        }
        return new Found(null, "Chromium not found (no chromium, chromium-browser or google-chrome on the PATH;"
                + " -Dondine.chromium=PATH names one). Debian: sudo apt-get install chromium fonts-liberation;"
                + " Ubuntu: sudo snap install chromium");
    }

    private static Found findTinyproxy() {
        List<String> candidates = new ArrayList<>(candidates("ondine.tinyproxy", "tinyproxy"));
        if (System.getProperty("ondine.tinyproxy") == null) {
            for (String c : List.of("/usr/bin/tinyproxy", "/usr/sbin/tinyproxy")) {
                if (!candidates.contains(c) && Files.isExecutable(Path.of(c))) {
                    candidates.add(c);
                }
            }
        }
        for (String c : candidates) {
            Run r = run(null, 30, c, "-v");
            if (r.ok() && r.output().contains("tinyproxy")) {
                return new Found(c, null);
            }
        }
        return new Found(null, "tinyproxy not found (" + (candidates.isEmpty() ? "no tinyproxy on the PATH"
                : "none runs: " + String.join(", ", candidates)) + "; -Dondine.tinyproxy=PATH names one)."
                + " Debian/Ubuntu: sudo apt-get install tinyproxy");
    }

    private static Found installNpmPackages(Path dir, String... packages) {
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            return new Found(null, "no package-lock.json in " + dir);
        }
        if (upToDate(dir, packages)) {
            return new Found(dir.toString(), null);
        }
        List<String> npm = candidates("ondine.npm", WINDOWS ? "npm.cmd" : "npm");
        if (npm.isEmpty()) {
            return new Found(null, "npm not found on the PATH (-Dondine.npm=PATH names one), so the npm packages "
                    + String.join(", ", packages) + " cannot be installed into " + dir.resolve("node_modules")
                    + ". Debian/Ubuntu: sudo apt-get install npm; elsewhere npm comes with Node.js");
        }
        System.out.println("[external peers] npm ci in " + dir + " (" + String.join(", ", packages) + ")");
        // playwright-core has no install script; the variable only makes sure nothing fetches a browser.
        Run r = run(dir, 600, npm.get(0), "ci", "--no-audit", "--no-fund", "--loglevel=error");
        if (!r.ok() || !upToDate(dir, packages)) {
            return new Found(null, "npm ci in " + dir + " failed (it needs the npm registry once): " + tail(r.output()));
        }
        return new Found(dir.toString(), null);
    }

    private static boolean upToDate(Path dir, String... packages) {
        Path stamp = dir.resolve("node_modules/.package-lock.json");
        try {
            if (!Files.isRegularFile(stamp)
                    || Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) < 0) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        for (String p : packages) {
            if (!Files.isDirectory(dir.resolve("node_modules").resolve(p))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The system property's value if set, else every {@code name} on the PATH, first first. */
    private static List<String> candidates(String property, String name) {
        String named = System.getProperty(property);
        if (named != null && !named.isBlank()) {
            return List.of(named);
        }
        return onPath(name);
    }

    private static List<String> onPath(String name) {
        List<String> found = new ArrayList<>();
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            for (String n : WINDOWS && !name.contains(".") ? List.of(name + ".exe", name + ".cmd") : List.of(name)) {
                Path p = Path.of(d, n);
                if (Files.isRegularFile(p) && Files.isExecutable(p) && !found.contains(p.toString())) {
                    found.add(p.toString());
                }
            }
        }
        return found;
    }

    private record Run(boolean ok, String output) {
    }

    private static Run run(Path dir, long seconds, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "external-peer-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(false, "did not finish within " + seconds + " s");
            }
            reader.join(5000);
            return new Run(p.exitValue() == 0, out.toString());
        } catch (IOException e) {
            return new Run(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(false, "interrupted");
        }
    }

    private static String tail(String output) {
        String t = output.strip();
        return t.length() > 400 ? "..." + t.substring(t.length() - 400) : t;
    }
}
