package dev.ondine.bench.server.ondinepayara;

import dev.ondine.bench.server.Launcher;
import dev.ondine.bench.server.payara.PayaraBench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The payara server's Payara 6 embedded, with Ondine (and ondine-payara) in the bench WAR's
 * WEB-INF/lib: Ondine's servlet transport measured beside Payara's own Tyrus.
 */
public final class OndineOnPayaraEchoServer {
    private OndineOnPayaraEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(OndineOnPayaraEchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> ondine;
        try (Stream<Path> files = Files.list(jar.getParent().resolve("war-lib"))) {
            ondine = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        if (ondine.size() != 3) {
            throw new IllegalStateException("expected ondine-api, ondine-impl and ondine-payara in war-lib, found " + ondine);
        }
        Launcher.run("ondine-payara", args, (host, port) -> PayaraBench.start(host, port, ondine));
    }
}
