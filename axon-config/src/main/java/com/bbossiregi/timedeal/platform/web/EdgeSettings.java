package com.bbossiregi.timedeal.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP edge ({@code timedeal.edge.*}).
 *
 * @param maxBodySize       the largest request body accepted; a larger one is answered 413 before it is read
 * @param connectionBuffers what every open connection keeps for itself, busy or idle
 */
@Validated
@ConfigurationProperties("timedeal.edge")
public record EdgeSettings(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
                           @DefaultValue @NotNull @Valid ConnectionBuffers connectionBuffers) {

    /**
     * Tomcat's per-connection socket buffers ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}, 8 KB
     * each by default). They are held from a connection's accept to its close, so they grow with the open connections,
     * not with the requests under way: the 10 000 shoppers of a flash sale kept 160 MB of heap in them. A request or
     * an answer longer than its buffer passes in several reads or writes, nothing is cut (docs/runbook.md).
     *
     * @param read   the read buffer: one read from the socket takes at most this much
     * @param write  the write buffer: an answer is sent in pieces of at most this much
     * @param direct the two buffers outside the heap ({@code socket.directBuffer}, Tomcat's own default is on the
     *               heap); Tomcat frees them when the connection closes. On the heap, every young collection during a
     *               burst of new connections copies them again and those that outlive a few fill the old generation:
     *               with them outside, the 10 000-shopper sale had 21 young collections where it had 28 to 34
     *               (docs/benchmarks.md, round 53)
     */
    public record ConnectionBuffers(@DefaultValue("2KB") @NotNull DataSize read,
                                    @DefaultValue("4KB") @NotNull DataSize write,
                                    @DefaultValue("true") boolean direct) {

        /** Between 512 B and 1 MB; Bean Validation has no constraint for a {@link DataSize} of its own. */
        @AssertTrue(message = "read must be between 512B and 1MB")
        public boolean isReadWithinBounds() {
            return withinBounds(read);
        }

        @AssertTrue(message = "write must be between 512B and 1MB")
        public boolean isWriteWithinBounds() {
            return withinBounds(write);
        }

        private static boolean withinBounds(DataSize size) {
            return size == null || (size.toBytes() >= 512 && size.toBytes() <= DataSize.ofMegabytes(1).toBytes());
        }
    }
}
