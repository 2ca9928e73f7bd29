package dev.ondine.impl.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The proxy tests' base: the echo servers of {@link ProxyFixtures}, one pair per test class. */
abstract class WithEchoServers {
    @TempDir
    static Path dir;
    static ProxyFixtures fixtures;

    @BeforeAll
    static void startEchoServers() throws Exception {
        fixtures = new ProxyFixtures(dir);
    }

    @AfterAll
    static void stopEchoServers() {
        if (fixtures != null) {
            fixtures.close();
            fixtures = null;
        }
    }
}
