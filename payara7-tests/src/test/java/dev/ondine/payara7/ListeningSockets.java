package dev.ondine.payara7;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sockets a process listens on, read from Linux's {@code /proc} without sending a packet:
 * its file descriptors ({@code /proc/PID/fd/N -> socket:[INODE]}) matched against the socket
 * tables {@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6} (proc(5)). Counted are
 * TCP sockets in state LISTEN ({@code 0A}) and every UDP socket.
 */
final class ListeningSockets {
    static final Path PROC_NET = Path.of("/proc/net");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean available() {
        return Files.isReadable(PROC_NET.resolve("tcp"));
    }

    static List<InetSocketAddress> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = PROC_NET.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] f = line.trim().split("\\s+");
                boolean counted = table.startsWith("udp") || f[3].equals(TCP_LISTEN);
                if (counted && inodes.contains(f[9])) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        return inodes;
    }

    /** {@code 0100007F:1F90} or the 32-digit IPv6 form: 32-bit words in host byte order, then the port. */
    private static InetSocketAddress address(String field) throws IOException {
        String[] parts = field.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = raw.clone();
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            for (int word = 0; word < raw.length; word += 4) {
                for (int i = 0; i < 4; i++) {
                    address[word + i] = raw[word + 3 - i];
                }
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
    }
}
