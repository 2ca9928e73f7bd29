package dev.ondine.impl.jakarta.server;

/**
 * Ondine's version, as its jar's manifest gives it ({@code Implementation-Version}, written
 * by the build), or {@code "dev"} when the classes do not come from Ondine's own jar (a build
 * directory, a shaded jar).
 */
public final class OndineVersion {
    private OndineVersion() {
    }

    public static String get() {
        Package p = OndineVersion.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
