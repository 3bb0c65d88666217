package io.lightningdb;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of one transaction, from {@link #defaults()} or the builder:
 *
 * <pre>{@code
 * TransactionOptions.builder().isolation(IsolationLevel.SERIALIZABLE).timeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * @param readOnly whether writes are rejected (the transaction is then a plain snapshot)
 * @param isolation how commits are validated
 * @param timeout how long the transaction may stay open before it can no longer commit; null means
 *     {@link LightningConfig#transactionTimeout()}
 */
public record TransactionOptions(boolean readOnly, IsolationLevel isolation, Duration timeout) {
    private static final TransactionOptions DEFAULTS = new TransactionOptions(false, IsolationLevel.SNAPSHOT, null);

    public TransactionOptions {
        Objects.requireNonNull(isolation, "isolation");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Read-write, snapshot isolation, the database's default timeout. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /** Read-only with the default timeout. */
    public static TransactionOptions readOnlyDefaults() {
        return new TransactionOptions(true, IsolationLevel.SNAPSHOT, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TransactionOptions}. */
    public static final class Builder {
        private boolean readOnly;
        private IsolationLevel isolation = IsolationLevel.SNAPSHOT;
        private Duration timeout;

        private Builder() {}

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder isolation(IsolationLevel isolation) {
            this.isolation = isolation;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public TransactionOptions build() {
            return new TransactionOptions(readOnly, isolation, timeout);
        }
    }
}
