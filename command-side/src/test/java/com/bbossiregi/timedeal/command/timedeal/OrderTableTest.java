package com.bbossiregi.timedeal.command.timedeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import com.bbossiregi.timedeal.command.timedeal.OrderTable.Holding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Random puts, replacements and removals against a plain map: after every step the table answers for every id the
     * map has and for ids it never had, so a lookup that stops at the wrong slot after a removal shows here.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithAPlainMapThroughPutsAndRemovals(long seed) {
        Random random = new Random(seed);
        OrderTable table = new OrderTable();
        Map<String, Holding> expected = new HashMap<>();
        List<String> known = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            if (action < 6 || known.isEmpty()) {
                String orderId = random.nextInt(20) == 0 ? "order-" + step : uuid(random);
                Holding holding = new Holding(1 + random.nextInt(10), random.nextInt(500), random.nextInt(3) * 1000L);
                table.put(orderId, holding.quantity(), holding.shopper(), holding.holdEnd());
                expected.put(orderId, holding);
                known.add(orderId);
            } else if (action < 7) {
                String orderId = known.get(random.nextInt(known.size()));
                table.put(orderId, 7, 42, 5);
                expected.put(orderId, new Holding(7, 42, 5));
            } else {
                String orderId = known.get(random.nextInt(known.size()));
                // What it held, or null when it was removed before.
                assertThat(table.remove(orderId)).as(orderId).isEqualTo(expected.remove(orderId));
            }
            if (step % 1000 == 999) {
                assertSame(table, expected);
            }
        }
        assertSame(table, expected);
        for (int i = 0; i < 1000; i++) {
            String absent = uuid(random);
            assertThat(table.contains(absent)).isFalse();
            assertThat(table.quantity(absent)).isZero();
        }
        // Removing what is not there changes nothing.
        assertThat(table.remove(uuid(random))).isNull();
        assertThat(table.remove("never-placed")).isNull();
        assertSame(table, expected);
    }

    /** Only UUID's canonical form is packed; any other spelling is a different order id and is kept as written. */
    @Test
    void keepsEveryOtherIdAsWritten() {
        String canonical = "123e4567-e89b-42d3-a456-426614174000";
        List<String> others = List.of(canonical.toUpperCase(), "{" + canonical.substring(1) + "}",
                "123e4567-e89b-42d3-a456-42661417400g", "123e4567e89b-42d3-a456-4266141740001", "order-1", "",
                "주문-1", "123e4567-e89b-42d3-a456-4266141740");
        OrderTable table = new OrderTable();
        table.put(canonical, 1, 10, 0);
        for (int i = 0; i < others.size(); i++) {
            table.put(others.get(i), i + 2, 20 + i, 1000 + i);
        }
        assertThat(table.size()).isEqualTo(others.size() + 1);
        assertThat(table.quantity(canonical)).isEqualTo(1);
        assertThat(table.holdings()).containsEntry(canonical, new Holding(1, 10, 0));
        for (int i = 0; i < others.size(); i++) {
            assertThat(table.quantity(others.get(i))).isEqualTo(i + 2);
            assertThat(table.holdings()).containsEntry(others.get(i), new Holding(i + 2, 20 + i, 1000 + i));
        }
        OrderTable restored = roundTrip(table);
        assertThat(restored.holdings()).isEqualTo(table.holdings());
        assertThat(restored.remove("주문-1")).isEqualTo(new Holding(8, 26, 1006));
        assertThat(restored.remove("주문-1")).isNull();
    }

    @Test
    void survivesJsonWithEveryOrderItsQuantityShopperAndHoldEnd() throws Exception {
        Random random = new Random(7);
        OrderTable table = new OrderTable();
        Map<String, Holding> expected = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            String orderId = i % 100 == 0 ? "order-" + i : uuid(random);
            Holding holding = new Holding(1 + random.nextInt(10), random.nextLong(), holdEnd(random));
            table.put(orderId, holding.quantity(), holding.shopper(), holding.holdEnd());
            expected.put(orderId, holding);
        }
        expected.keySet().stream().filter(id -> id.hashCode() % 3 == 0).toList().forEach(id -> {
            table.remove(id);
            expected.remove(id);
        });

        String json = JSON.writeValueAsString(table);
        assertThat(json).startsWith("\"").endsWith("\"");
        OrderTable restored = roundTrip(table);
        assertSame(restored, expected);
        assertThat(restored).isEqualTo(table).hasSameHashCodeAs(table);
        assertThat(roundTrip(new OrderTable())).isEqualTo(new OrderTable());
    }

    /**
     * The point of the table: a snapshot holds 32 bytes per order before base64 (about 43 characters), where the two
     * maps it replaced wrote an order id twice as JSON text (about 90 characters per order, before hold ends were kept).
     */
    @Test
    void storesAnOrderInThirtyTwoBytes() throws Exception {
        Random random = new Random(11);
        OrderTable table = new OrderTable();
        int orders = 10_000;
        for (int i = 0; i < orders; i++) {
            table.put(uuid(random), 1 + random.nextInt(10), random.nextInt(10_000), holdEnd(random));
        }
        int bytes = Integer.BYTES + orders * 32 + Integer.BYTES;
        assertThat(JSON.writeValueAsString(table)).hasSize(2 + (bytes + 2) / 3 * 4);
    }

    /**
     * The layout stored snapshots have (revision 4): the count of packed orders, each as its id's halves, quantity,
     * shopper and hold end; then the count of other ids, each with its length, UTF-8 bytes, quantity, shopper and hold
     * end; as the JDK's base64 with padding. Written streamed by Jackson, it must come out byte for byte the same.
     */
    @Test
    void writesTheStoredLayoutByteForByte() throws Exception {
        UUID packed = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        OrderTable table = new OrderTable();
        table.put(packed.toString(), 3, 42L, 4_000_000_000L);
        table.put("order-é", 2, -7L, 0);
        byte[] other = "order-é".getBytes(StandardCharsets.UTF_8);
        ByteBuffer expected = ByteBuffer.allocate(4 + 32 + 4 + 4 + other.length + 16)
                .putInt(1).putLong(packed.getMostSignificantBits()).putLong(packed.getLeastSignificantBits())
                .putInt(3).putLong(42L).putInt((int) 4_000_000_000L)
                .putInt(1).putInt(other.length).put(other).putInt(2).putLong(-7L).putInt(0);

        assertThat(JSON.writeValueAsString(table))
                .isEqualTo("\"" + Base64.getEncoder().encodeToString(expected.array()) + "\"");
    }

    /** A table of many chunks of records streams the same string as it encodes whole, and reads back equal. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 257, 5_000})
    void streamsWhatItEncodesWhole(int orders) throws Exception {
        Random random = new Random(orders);
        OrderTable table = new OrderTable();
        for (int i = 0; i < orders; i++) {
            table.put(i % 97 == 5 ? "order-" + i : uuid(random), 1 + random.nextInt(5), random.nextLong(),
                    holdEnd(random));
        }
        String json = JSON.writeValueAsString(table);
        assertThat(json).isEqualTo("\"" + table.encoded() + "\"");
        assertThat(JSON.readValue(json, OrderTable.class)).isEqualTo(table);
    }

    /**
     * In memory an order takes 32 bytes a slot and the table is at most three quarters full: at least 3 of every 8 slots
     * are used once it has grown, so a deal of 77 000 reservations (a minute of the benchmark's hot deal) takes
     * 131 072 slots, 4 MB, and every deal in the deal cache keeps its table.
     */
    @Test
    void fillsThreeQuartersOfItsSlotsBeforeItGrows() {
        Random random = new Random(13);
        OrderTable table = new OrderTable();
        for (int i = 0; i < 77_000; i++) {
            table.put(uuid(random), 1, i, holdEnd(random));
            assertThat(table.slots()).as("slots for %d orders", i + 1).isLessThanOrEqualTo(Math.max(16, (i + 1) * 8 / 3 + 1));
        }
        assertThat(table.slots()).isEqualTo(131_072);
        assertThat(OrderTable.decoded(table.encoded()).slots()).as("read back from a snapshot").isEqualTo(131_072);
    }

    /**
     * A hold's end is a whole second in an {@code int} read unsigned: beyond 2038 it is kept as it was, beyond 2106 or
     * before 1970 it is refused rather than wrapped; an instant within a second rounds up, never down.
     */
    @Test
    void keepsAHoldsEndAsAWholeSecondUntil2106() {
        long after2038 = Instant.parse("2090-01-01T00:00:00Z").getEpochSecond();
        OrderTable table = new OrderTable();
        String packed = UUID.randomUUID().toString();
        table.put(packed, 1, 1, after2038);
        table.put("order-1", 1, 1, after2038);
        assertThat(table.holdings()).containsEntry(packed, new Holding(1, 1, after2038))
                .containsEntry("order-1", new Holding(1, 1, after2038));
        assertThat(roundTrip(table)).isEqualTo(table);
        assertThat(table.dueHolds(after2038 - 1, 10)).isEqualTo(new OrderTable.DueHolds(List.of(), after2038));
        assertThat(table.dueHolds(after2038, 10).orderIds()).containsExactlyInAnyOrder(packed, "order-1");

        assertThatThrownBy(() -> table.put(packed, 1, 1, 0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.put("order-2", 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(table.holdings()).containsEntry(packed, new Holding(1, 1, after2038)).hasSize(2);

        assertThat(OrderTable.holdEndSecond(Instant.parse("2026-03-01T10:10:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:10:00Z").getEpochSecond());
        assertThat(OrderTable.holdEndSecond(Instant.parse("2026-03-01T10:10:00.001Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:10:01Z").getEpochSecond());
        assertThat(OrderTable.holdEndSecond(Instant.parse("2026-03-01T10:10:00.999999999Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:10:01Z").getEpochSecond());
    }

    @Test
    void equalTablesAreEqualWhateverTheirHistory() {
        Random random = new Random(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(uuid(random));
        }
        OrderTable forwards = new OrderTable();
        ids.forEach(id -> forwards.put(id, 2, 9, 100));
        OrderTable backwards = new OrderTable();
        for (int i = ids.size() - 1; i >= 0; i--) {
            backwards.put(ids.get(i), 2, 9, 100);
        }
        // Grown to a larger capacity and shrunk back by removals: a different layout, the same orders.
        OrderTable grown = new OrderTable();
        ids.forEach(id -> grown.put(id, 2, 9, 100));
        for (int i = 0; i < 2000; i++) {
            String extra = uuid(random);
            grown.put(extra, 1, 1, 1);
            grown.remove(extra);
        }
        assertThat(backwards).isEqualTo(forwards).hasSameHashCodeAs(forwards);
        assertThat(grown).isEqualTo(forwards).hasSameHashCodeAs(forwards);

        backwards.put(ids.get(0), 3, 9, 100);
        assertThat(backwards).isNotEqualTo(forwards);
        backwards.put(ids.get(0), 2, 8, 100);
        assertThat(backwards).isNotEqualTo(forwards);
        backwards.put(ids.get(0), 2, 9, 0);
        assertThat(backwards).isNotEqualTo(forwards);
        backwards.remove(ids.get(0));
        assertThat(backwards).isNotEqualTo(forwards);
    }

    /**
     * A look at the holds finds the due ones among packed and other ids, at most as many as asked for, and the earliest
     * end of the rest, those not yet due and those left over; an ended hold or one not kept here (0) is never due.
     */
    @Test
    void findsTheDueHoldsAndTheEarliestOfTheRest() {
        Random random = new Random(3);
        OrderTable table = new OrderTable();
        Map<String, Long> ends = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            String orderId = i % 50 == 0 ? "order-" + i : uuid(random);
            long end = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1000);
            table.put(orderId, 1, i, end);
            ends.put(orderId, end);
        }
        List<String> due = ends.entrySet().stream().filter(e -> e.getValue() != 0 && e.getValue() <= 500)
                .map(Map.Entry::getKey).toList();
        long nextNotDue = ends.values().stream().filter(end -> end > 500).min(Long::compare).orElseThrow();

        OrderTable.DueHolds all = table.dueHolds(500, Integer.MAX_VALUE);
        assertThat(all.orderIds()).containsExactlyInAnyOrderElementsOf(due);
        assertThat(all.nextHoldEnd()).isEqualTo(nextNotDue);

        OrderTable.DueHolds some = table.dueHolds(500, 10);
        assertThat(some.orderIds()).hasSize(10).isSubsetOf(due);
        assertThat(some.nextHoldEnd()).as("a due hold left over comes first").isLessThanOrEqualTo(500);

        due.forEach(table::endHold);
        assertThat(table.dueHolds(500, Integer.MAX_VALUE).orderIds()).isEmpty();
        assertThat(table.quantity(due.get(0))).as("an ended hold keeps its stock").isEqualTo(1);
        assertThat(table.dueHolds(Long.MAX_VALUE, Integer.MAX_VALUE).orderIds()).hasSize(
                (int) ends.values().stream().filter(end -> end > 500).count());
        ends.keySet().forEach(table::endHold);
        assertThat(table.dueHolds(Long.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(new OrderTable.DueHolds(List.of(), 0));
        table.endHold("never-placed");
    }

    @Test
    void refusesAnOrderWithoutUnits() {
        OrderTable table = new OrderTable();
        assertThatThrownBy(() -> table.put(UUID.randomUUID().toString(), 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.put("order-1", -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(table.size()).isZero();
    }

    @Test
    void refusesAStoredTableWithBytesLeftOver() {
        String encoded = new OrderTable().encoded();
        byte[] bytes = Base64.getDecoder().decode(encoded);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> OrderTable.decoded(Base64.getEncoder().encodeToString(longer)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSame(OrderTable table, Map<String, Holding> expected) {
        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((orderId, holding) -> {
            assertThat(table.contains(orderId)).as(orderId).isTrue();
            assertThat(table.quantity(orderId)).as(orderId).isEqualTo(holding.quantity());
        });
        assertThat(table.holdings()).isEqualTo(expected);
    }

    private static OrderTable roundTrip(OrderTable table) {
        try {
            return JSON.readValue(JSON.writeValueAsString(table), OrderTable.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A hold's end anywhere an {@code int} read unsigned keeps it, 2038 and later included. */
    private static long holdEnd(Random random) {
        return Integer.toUnsignedLong(random.nextInt());
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
