package dev.ondine.payara7;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} binary that can run Payara Micro 7, whose classes are compiled for Java
 * 21 (class file version 65: on Java 17, {@code java -jar payara-micro.jar} stops with an
 * {@code UnsupportedClassVersionError}). In this order:
 * <ol>
 * <li>the system property {@value #PROPERTY}, a {@code java} binary chosen by hand;</li>
 * <li>the JVM running the tests (the build's {@code java.home}), if it is Java 21 or newer;</li>
 * <li>the first {@code /usr/lib/jvm/*}{@code /bin/java}, by directory name, whose
 * {@code java -version} reports 21 or newer.</li>
 * </ol>
 */
final class Java21 {
    static final int MINIMUM = 21;
    static final String PROPERTY = "ondine.payara7.java";
    private static final Path JDKS = Path.of("/usr/lib/jvm");
    /** {@code openjdk version "25.0.3"}, {@code java version "1.8.0_381"}: the feature release. */
    private static final Pattern VERSION = Pattern.compile("version \"(?:1\\.)?(\\d+)");

    /** A binary, or none with the list of what was looked at and why it did not do. */
    record Lookup(Optional<Path> java, List<String> tried) {
        String whyNone() {
            return "No Java " + MINIMUM + "+ JDK for Payara Micro 7 (its classes need Java " + MINIMUM + "): "
                    + String.join("; ", tried);
        }
    }

    private Java21() {
    }

    static Lookup find() throws IOException, InterruptedException {
        List<String> tried = new ArrayList<>();
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            Path java = Path.of(chosen);
            int feature = featureOf(java);
            if (feature >= MINIMUM) {
                return new Lookup(Optional.of(java), tried);
            }
            tried.add(PROPERTY + "=" + java + " is " + describe(feature));
            return new Lookup(Optional.empty(), tried);
        }
        int running = Runtime.version().feature();
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        if (running >= MINIMUM) {
            return new Lookup(Optional.of(home), tried);
        }
        tried.add("java.home " + home + " is Java " + running);
        if (!Files.isDirectory(JDKS)) {
            tried.add(JDKS + " does not exist");
            return new Lookup(Optional.empty(), tried);
        }
        try (Stream<Path> dirs = Files.list(JDKS)) {
            for (Path java : dirs.sorted().map(d -> d.resolve("bin").resolve("java")).toList()) {
                if (!Files.isExecutable(java)) {
                    continue;
                }
                int feature = featureOf(java);
                if (feature >= MINIMUM) {
                    return new Lookup(Optional.of(java), tried);
                }
                tried.add(java + " is " + describe(feature));
            }
        }
        return new Lookup(Optional.empty(), tried);
    }

    /** The feature release {@code java -version} reports, or -1 when it does not answer within 20 s. */
    static int featureOf(Path java) throws IOException, InterruptedException {
        Path output = Files.createTempFile("java-version", ".txt");
        try {
            Process p = new ProcessBuilder(java.toString(), "-version")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return -1;
            }
            Matcher m = VERSION.matcher(Files.readString(output));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String describe(int feature) {
        return feature < 0 ? "not a java that reports its version" : "Java " + feature;
    }
}
