package com.bbossiregi.timedeal.command.timedeal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The orders a deal holds stock for, each with its quantity, its shopper and when its hold ends: the part of a deal's
 * state that grows with the sale (the benchmark's grown deal holds a hundred thousand open reservations).
 *
 * <p>Why not a {@code HashMap} (the JDK and Axon have nothing closer): with one map entry per order for the quantity and
 * another for the shopper, such a deal took by estimate about 26 MB of live heap as strings and nodes, and its snapshot
 * was 8.3 MB of JSON that Axon's snapshotter parsed and wrote again every 10 000 events, which made a grown deal
 * measurably slower than a fresh one. Here an order id in UUID's canonical form (the only form the API generates) is
 * two {@code long}s in flat arrays, an open-addressing table with linear probing at most three quarters full, a hold's
 * end is a whole second in an {@code int}, so an order takes 32 bytes a slot and 43 to 85 bytes of heap (a deal of
 * 77 000 orders 4 MB; at most half full with hold ends in milliseconds it was 9 MB, and every deal of a busy day stays in
 * the deal cache), and the table is stored as one base64 string of fixed 32-byte records. Any other id (tests and tools
 * name orders freely) is kept in a plain map beside it, so every id works and none is ever rewritten.
 *
 * <p>Equality is by content: two tables with the same orders are equal whatever their layout, which Axon's fixture
 * (state rebuilt from events against state after a command) and a snapshot's round trip rely on.
 */
@JsonSerialize(using = OrderTable.Writer.class)
final class OrderTable {

    private static final int MIN_CAPACITY = 16;
    private static final int RECORD_BYTES = 2 * Long.BYTES + Integer.BYTES + Long.BYTES + Integer.BYTES;
    /** The latest hold end an {@code int} keeps, read unsigned: early in 2106. */
    private static final long LAST_HOLD_END = 0xFFFF_FFFFL;

    /** Both halves of each packed order id; slot {@code i} is free while {@code quantities[i]} is 0. */
    private long[] highs;
    private long[] lows;
    private int[] quantities;
    private long[] shoppers;
    /**
     * When each hold ends, in epoch seconds read unsigned; 0 for none kept here (ended, sold, or kept by an order's
     * saga).
     */
    private int[] holdEnds;
    private int packedCount;
    private final Map<String, Holding> others = new HashMap<>();

    /** What an order holds: its units, its shopper, and when its hold ends in epoch seconds (0: not kept here). */
    record Holding(int quantity, long shopper, long holdEnd) {
    }

    /**
     * What a look at the holds found: orders whose holds had ended by then (at most as many as asked for), and the
     * earliest hold end among the others (0 when none is left).
     */
    record DueHolds(List<String> orderIds, long nextHoldEnd) {
    }

    OrderTable() {
        this(MIN_CAPACITY);
    }

    private OrderTable(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        quantities = new int[capacity];
        shoppers = new long[capacity];
        holdEnds = new int[capacity];
    }

    /**
     * A hold's end as the table keeps it: its epoch second, rounded up, so that a hold never ends early (a deal rounds a
     * new hold's end up to the second itself; reservations recorded before kept milliseconds).
     */
    static long holdEndSecond(Instant holdEndsAt) {
        return holdEndsAt.getNano() == 0 ? holdEndsAt.getEpochSecond() : holdEndsAt.getEpochSecond() + 1;
    }

    /** How many units the order holds; 0 when the table does not have it (every order here holds at least one). */
    int quantity(String orderId) {
        if (!isCanonicalUuid(orderId)) {
            Holding holding = others.get(orderId);
            return holding == null ? 0 : holding.quantity();
        }
        return quantities[slotOf(high(orderId), low(orderId))];
    }

    boolean contains(String orderId) {
        return quantity(orderId) > 0;
    }

    /**
     * Adds the order, or replaces what the table had for it; {@code holdEnd} in epoch seconds, 0 when its hold is not
     * kept here.
     */
    void put(String orderId, int quantity, long shopper, long holdEnd) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("an order holds at least one unit, not " + quantity);
        }
        if (holdEnd < 0 || holdEnd > LAST_HOLD_END) {
            throw new IllegalArgumentException("a hold's end in epoch seconds up to 2106, not " + holdEnd);
        }
        if (!isCanonicalUuid(orderId)) {
            others.put(orderId, new Holding(quantity, shopper, holdEnd));
            return;
        }
        putPacked(high(orderId), low(orderId), quantity, shopper, (int) holdEnd);
    }

    /** Forgets when the order's hold ends (it ended); the order keeps what it holds. Nothing when the table lacks it. */
    void endHold(String orderId) {
        if (!isCanonicalUuid(orderId)) {
            others.computeIfPresent(orderId, (id, holding) -> new Holding(holding.quantity(), holding.shopper(), 0));
            return;
        }
        int slot = slotOf(high(orderId), low(orderId));
        if (quantities[slot] != 0) {
            holdEnds[slot] = 0;
        }
    }

    /**
     * The orders whose holds end at or before the epoch second {@code bySecond}, at most {@code limit} of them, and the
     * earliest hold end of the rest. One pass over the table: a deal looks at most once a
     * {@code timedeal.orders.hold-check-spacing}.
     */
    DueHolds dueHolds(long bySecond, int limit) {
        DueHoldsFound found = new DueHoldsFound(bySecond, limit);
        for (int slot = 0; slot < quantities.length; slot++) {
            if (quantities[slot] != 0 && found.isDue(holdEndAt(slot))) {
                found.orderIds.add(uuid(highs[slot], lows[slot]));
            }
        }
        others.forEach((orderId, holding) -> {
            if (found.isDue(holding.holdEnd())) {
                found.orderIds.add(orderId);
            }
        });
        return new DueHolds(found.orderIds, found.next);
    }

    /** The one rule of {@link #dueHolds} for packed and other ids alike; the id is only spelled out when due. */
    private static final class DueHoldsFound {

        private final long bySecond;
        private final int limit;
        private final List<String> orderIds = new ArrayList<>();
        private long next;

        DueHoldsFound(long bySecond, int limit) {
            this.bySecond = bySecond;
            this.limit = limit;
        }

        /** Whether a hold ending then is one to end now; otherwise it counts towards the earliest end of the rest. */
        boolean isDue(long holdEnd) {
            if (holdEnd == 0) {
                return false;
            }
            if (holdEnd <= bySecond && orderIds.size() < limit) {
                return true;
            }
            if (next == 0 || holdEnd < next) {
                next = holdEnd;
            }
            return false;
        }
    }

    /** Removes the order and answers what it held; null, and nothing changes, when the table does not have it. */
    Holding remove(String orderId) {
        if (!isCanonicalUuid(orderId)) {
            return others.remove(orderId);
        }
        int slot = slotOf(high(orderId), low(orderId));
        if (quantities[slot] == 0) {
            return null;
        }
        Holding removed = holdingAt(slot);
        removeAt(slot);
        packedCount--;
        return removed;
    }

    int size() {
        return packedCount + others.size();
    }

    /** The slots of the packed orders' arrays, used or not: what a test of the table's footprint reads. */
    int slots() {
        return quantities.length;
    }

    /** Every order with what it holds, as a map: what a test or a diagnosis reads, never the hot path. */
    Map<String, Holding> holdings() {
        Map<String, Holding> all = new HashMap<>(others);
        for (int slot = 0; slot < quantities.length; slot++) {
            if (quantities[slot] != 0) {
                all.put(uuid(highs[slot], lows[slot]), holdingAt(slot));
            }
        }
        return all;
    }

    private void putPacked(long high, long low, int quantity, long shopper, int holdEnd) {
        if (!fits(packedCount + 1, quantities.length)) {
            resize(quantities.length * 2);
        }
        int slot = slotOf(high, low);
        if (quantities[slot] == 0) {
            packedCount++;
            highs[slot] = high;
            lows[slot] = low;
        }
        quantities[slot] = quantity;
        shoppers[slot] = shopper;
        holdEnds[slot] = holdEnd;
    }

    /**
     * At most three quarters full: a lookup's probes stay few (about two and a half for an order that is there, eight
     * and a half for one that is not: the hot path's first question) and a slot's bytes are not mostly empty.
     */
    private static boolean fits(int orders, int capacity) {
        return (long) orders * 4 <= (long) capacity * 3;
    }

    /** What the order in a used slot holds. */
    private Holding holdingAt(int slot) {
        return new Holding(quantities[slot], shoppers[slot], holdEndAt(slot));
    }

    /** When the hold of the order in a used slot ends, in epoch seconds (the {@code int} read unsigned; 0: not here). */
    private long holdEndAt(int slot) {
        return Integer.toUnsignedLong(holdEnds[slot]);
    }

    /** The slot holding the id, or the free slot where it would go. */
    private int slotOf(long high, long low) {
        int mask = quantities.length - 1;
        int slot = home(high, low, mask);
        while (quantities[slot] != 0 && (highs[slot] != high || lows[slot] != low)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Backward-shift deletion: the entries after the freed slot that could not sit at their home are moved up into it,
     * so a lookup never stops early at a hole and no tombstones accumulate.
     */
    private void removeAt(int slot) {
        int mask = quantities.length - 1;
        int hole = slot;
        int next = slot;
        while (true) {
            next = (next + 1) & mask;
            if (quantities[next] == 0) {
                break;
            }
            int home = home(highs[next], lows[next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                highs[hole] = highs[next];
                lows[hole] = lows[next];
                quantities[hole] = quantities[next];
                shoppers[hole] = shoppers[next];
                holdEnds[hole] = holdEnds[next];
                hole = next;
            }
        }
        highs[hole] = 0;
        lows[hole] = 0;
        quantities[hole] = 0;
        shoppers[hole] = 0;
        holdEnds[hole] = 0;
    }

    private void resize(int capacity) {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        int[] oldQuantities = quantities;
        long[] oldShoppers = shoppers;
        int[] oldHoldEnds = holdEnds;
        highs = new long[capacity];
        lows = new long[capacity];
        quantities = new int[capacity];
        shoppers = new long[capacity];
        holdEnds = new int[capacity];
        for (int slot = 0; slot < oldQuantities.length; slot++) {
            if (oldQuantities[slot] != 0) {
                int target = slotOf(oldHighs[slot], oldLows[slot]);
                highs[target] = oldHighs[slot];
                lows[target] = oldLows[slot];
                quantities[target] = oldQuantities[slot];
                shoppers[target] = oldShoppers[slot];
                holdEnds[target] = oldHoldEnds[slot];
            }
        }
    }

    private static int home(long high, long low, int mask) {
        // Random UUIDs are spread already; the mix keeps ids from any other source from clustering.
        long mixed = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    /** The form {@code UUID.toString()} writes: 36 characters, lower-case hex, dashes at 8, 13, 18 and 23. */
    static boolean isCanonicalUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static long high(String uuid) {
        return hex(uuid, 0, 18);
    }

    private static long low(String uuid) {
        return hex(uuid, 19, 36);
    }

    private static long hex(String uuid, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = uuid.charAt(i);
            if (c != '-') {
                value = (value << 4) | Character.digit(c, 16);
            }
        }
        return value;
    }

    private static String uuid(long high, long low) {
        return new UUID(high, low).toString();
    }

    /**
     * The table as one string: the packed orders as 32-byte records (id's two halves, quantity, shopper, hold end's
     * second), then every other id with its length in UTF-8 bytes, each with its quantity, shopper and hold end, all
     * base64. A snapshot writes the same string through {@link Writer} without building it whole; this whole form is
     * what the tests hold the streamed one and {@link #decoded} against.
     */
    String encoded() {
        try (InputStream bytes = new EncodedBytes()) {
            return Base64.getEncoder().encodeToString(bytes.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@link #encoded()}'s string as Jackson streams binary: base64 of the records read a few at a time, so that
     * a snapshot of a large deal (hundreds of thousands of orders, megabytes) builds neither the whole buffer nor its
     * base64 string beside the serialized bytes. Such arrays, alive while a snapshot is written, were what young
     * collections promoted into the old generation, so a grown deal's runs had several times a fresh deal's full
     * collections (docs/benchmarks.md, round 44). Jackson's default base64 is the same as the JDK's
     * ({@code Base64.getEncoder()}), padding included, so {@link #decoded} reads both alike and stored snapshots keep
     * their shape.
     */
    static final class Writer extends StdSerializer<OrderTable> {

        Writer() {
            super(OrderTable.class);
        }

        @Override
        public void serialize(OrderTable table, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            try (EncodedBytes bytes = table.new EncodedBytes()) {
                generator.writeBinary(Base64Variants.getDefaultVariant(), bytes, bytes.length());
            }
        }
    }

    /** The bytes {@link #encoded()} encodes, made a chunk of records at a time as they are read. */
    private final class EncodedBytes extends InputStream {

        private final ByteBuffer chunk = ByteBuffer.allocate(256 * RECORD_BYTES);
        /** The other ids' records, made at once (there are few), read after the packed ones; null once read. */
        private ByteBuffer otherIds = otherIds();
        private final int length = Integer.BYTES + packedCount * RECORD_BYTES + otherIds.remaining();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean started;
        private int nextSlot;

        /** How many bytes there are to read. */
        int length() {
            return length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                current = next();
                if (current == null) {
                    current = ByteBuffer.allocate(0);
                    return -1;
                }
            }
            int count = Math.min(length, current.remaining());
            current.get(into, offset, count);
            return count;
        }

        /** The next bytes: the count and a chunk of packed records, later chunks, then the other ids; null at the end. */
        private ByteBuffer next() {
            if (!started || nextSlot < quantities.length) {
                chunk.clear();
                if (!started) {
                    chunk.putInt(packedCount);
                    started = true;
                }
                while (nextSlot < quantities.length && chunk.remaining() >= RECORD_BYTES) {
                    int slot = nextSlot++;
                    if (quantities[slot] != 0) {
                        chunk.putLong(highs[slot]).putLong(lows[slot]).putInt(quantities[slot])
                                .putLong(shoppers[slot]).putInt(holdEnds[slot]);
                    }
                }
                return chunk.flip();
            }
            ByteBuffer last = otherIds;
            otherIds = null;
            return last;
        }

        /** The count of other ids, then each with its length, its UTF-8 bytes, its quantity, shopper and hold end. */
        private ByteBuffer otherIds() {
            Map<String, byte[]> ids = new HashMap<>();
            int length = Integer.BYTES;
            for (String orderId : others.keySet()) {
                byte[] bytes = orderId.getBytes(StandardCharsets.UTF_8);
                ids.put(orderId, bytes);
                length += Integer.BYTES + bytes.length + Integer.BYTES + Long.BYTES + Integer.BYTES;
            }
            ByteBuffer buffer = ByteBuffer.allocate(length).putInt(others.size());
            others.forEach((orderId, holding) -> {
                byte[] bytes = ids.get(orderId);
                buffer.putInt(bytes.length).put(bytes).putInt(holding.quantity()).putLong(holding.shopper())
                        .putInt((int) holding.holdEnd());
            });
            return buffer.flip();
        }
    }

    /** Reads what {@link #encoded()} wrote. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static OrderTable decoded(String encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
        int packed = buffer.getInt();
        int capacity = MIN_CAPACITY;
        while (!fits(packed, capacity)) {
            capacity *= 2;
        }
        OrderTable table = new OrderTable(capacity);
        for (int i = 0; i < packed; i++) {
            table.putPacked(buffer.getLong(), buffer.getLong(), buffer.getInt(), buffer.getLong(), buffer.getInt());
        }
        int otherCount = buffer.getInt();
        for (int i = 0; i < otherCount; i++) {
            byte[] bytes = new byte[buffer.getInt()];
            buffer.get(bytes);
            table.others.put(new String(bytes, StandardCharsets.UTF_8),
                    new Holding(buffer.getInt(), buffer.getLong(), Integer.toUnsignedLong(buffer.getInt())));
        }
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException("an order table with " + buffer.remaining() + " bytes too many");
        }
        return table;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OrderTable table) || table.size() != size() || !table.others.equals(others)) {
            return false;
        }
        for (int slot = 0; slot < quantities.length; slot++) {
            if (quantities[slot] != 0) {
                int theirs = table.slotOf(highs[slot], lows[slot]);
                if (table.quantities[theirs] != quantities[slot] || table.shoppers[theirs] != shoppers[slot]
                        || table.holdEnds[theirs] != holdEnds[slot]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // Order-independent, so equal tables hash alike whatever their layout.
        int hash = others.hashCode();
        for (int slot = 0; slot < quantities.length; slot++) {
            if (quantities[slot] != 0) {
                hash += Long.hashCode(highs[slot]) ^ Long.hashCode(lows[slot]) ^ quantities[slot]
                        ^ Long.hashCode(shoppers[slot]) ^ Long.hashCode(holdEndAt(slot));
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        return "OrderTable" + holdings();
    }
}
