package dev.ondine.api.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a {@link Reconnecting} connection tries again: exponential backoff with jitter, capped,
 * an optional cap on the attempts in a row, and a {@link ReconnectDecider} that has the last
 * word on each failure. Immutable; one policy may serve many connections.
 *
 * <p>The backoff of attempt {@code n} (1, 2, ...) is {@code initialDelay * multiplier^(n-1)},
 * at most {@code maxDelay}; jitter then takes a random share of it away, up to
 * {@code jitter} of it (0: none; 0.5, the default: between half and all of it; 1: anywhere
 * between nothing and all of it), so that clients that lost the same server do not all come
 * back at the same instant. With the defaults: about 0.25-0.5 s, 0.5-1 s, 1-2 s, ... up to
 * 15-30 s.
 *
 * <pre>{@code
 * ReconnectPolicy policy = ReconnectPolicy.builder()
 *         .initialDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofMinutes(1))
 *         .maxAttempts(10)                 // give up after 10 failed attempts in a row
 *         .decider(ReconnectDecider.ALWAYS)
 *         .build();
 * }</pre>
 */
public final class ReconnectPolicy {
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.5;

    private static final ReconnectPolicy DEFAULTS = builder().build();

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;
    private final ReconnectDecider decider;

    private ReconnectPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.decider = b.decider;
    }

    /** 0.5 s doubling up to 30 s, jitter 0.5, no attempt cap, {@link ReconnectDecider#TRANSIENT}. */
    public static ReconnectPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    /** The failed attempts in a row after which reconnecting stops; 0: no cap. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public ReconnectDecider decider() {
        return decider;
    }

    /** The backoff of attempt {@code attempt} (1 or more) before jitter: the exponential, capped. */
    public Duration backoff(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1.0);
        long max = maxDelay.toNanos();
        return Duration.ofNanos(nanos >= max || Double.isNaN(nanos) ? max : (long) nanos);
    }

    /**
     * The backoff of attempt {@code attempt} with jitter: {@code backoff * (1 - jitter * random)}.
     *
     * @param random a number in [0, 1)
     */
    public Duration jittered(int attempt, double random) {
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("not in [0, 1): " + random);
        }
        long nanos = backoff(attempt).toNanos();
        return Duration.ofNanos(Math.round(nanos * (1 - jitter * random)));
    }

    /**
     * The decision after {@code disconnect}: the delay before attempt {@code attempt}, or empty
     * to stop. Past the attempt cap it is empty without asking the decider; otherwise the decider
     * gets the jittered backoff and decides (a negative delay counts as none).
     *
     * @param random gives numbers in [0, 1) for the jitter
     */
    public Optional<Duration> next(Disconnect disconnect, int attempt, DoubleSupplier random) {
        Objects.requireNonNull(disconnect, "disconnect");
        if (maxAttempts > 0 && attempt > maxAttempts) {
            return Optional.empty();
        }
        Optional<Duration> decided = decider.decide(disconnect, attempt, jittered(attempt, random.getAsDouble()));
        if (decided == null || decided.isEmpty()) {
            return Optional.empty();
        }
        Duration d = decided.get();
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", multiplier=" + multiplier
                + ", jitter=" + jitter + ", maxAttempts=" + (maxAttempts == 0 ? "none" : maxAttempts) + "]";
    }

    /** Builds a {@link ReconnectPolicy}; every setting has its default. */
    public static final class Builder {
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;
        private int maxAttempts;
        private ReconnectDecider decider = ReconnectDecider.TRANSIENT;

        private Builder() {
        }

        /** The backoff of the first attempt (default 0.5 s); zero or more. */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = nonNegative(delay, "initialDelay");
            return this;
        }

        /** The cap on the backoff (default 30 s); at least the initial delay when built. */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = nonNegative(delay, "maxDelay");
            return this;
        }

        /** How much each failed attempt multiplies the backoff by (default 2); 1 or more. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("the multiplier must be 1 or more: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** The largest share of the backoff that jitter takes away, 0 to 1 (default 0.5). */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter is a share, 0 to 1: " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** Stop after this many failed attempts in a row (default 0: never stop on count). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("maxAttempts must be 0 (no cap) or more: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The hook that decides on each failure (default {@link ReconnectDecider#TRANSIENT}). */
        public Builder decider(ReconnectDecider decider) {
            this.decider = Objects.requireNonNull(decider, "decider");
            return this;
        }

        public ReconnectPolicy build() {
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is less than initialDelay " + initialDelay);
            }
            return new ReconnectPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
