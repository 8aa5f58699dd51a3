package com.bbossiregi.timedeal.projections.deallisting;

import com.bbossiregi.timedeal.api.common.PageMeta;
import com.bbossiregi.timedeal.api.common.PageRequest;
import com.bbossiregi.timedeal.api.product.ProductBrief;
import com.bbossiregi.timedeal.api.product.ProductChangedEvent;
import com.bbossiregi.timedeal.api.product.ProductPage;
import com.bbossiregi.timedeal.api.product.ProductCategory;
import com.bbossiregi.timedeal.api.product.ProductCreatedEvent;
import com.bbossiregi.timedeal.api.product.ProductDetail;
import com.bbossiregi.timedeal.api.product.ProductStatus;
import com.bbossiregi.timedeal.api.timedeal.TimeDealChangedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealCreatedEvent;
import com.bbossiregi.timedeal.api.timedeal.TimeDealDetail;
import com.bbossiregi.timedeal.api.timedeal.TimeDealPage;
import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import com.bbossiregi.timedeal.api.timedeal.TimeDealSummary;
import com.bbossiregi.timedeal.platform.axon.deadletter.BatchWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The deal listing read model: written by {@link DealListingProjection}, read by the query side.
 *
 * <p>Every deal update carries the aggregate's sequence number of the event and only applies when it is newer
 * than the last one applied, so a redelivered event (a processor retrying a batch, a claim moving to another
 * node) never counts a reservation twice.
 *
 * <p>Under load every order moves its deal's stock, one row that each event rewrote in a statement and a round trip
 * of its own. So the stock changes of the batch being handled are held back ({@link StockInBatch}, {@link BatchWrites})
 * and written as it commits, one statement a deal for all of them; when the handler must write at once, it does.
 */
@Repository
public class DealListingRepository {

    private static final String SELECT_DEAL = """
            SELECT d.time_deal_id, d.product_id, d.original_price, d.deal_price, d.discount_rate,
                   d.stock_quantity, d.reserved_quantity, d.sold_quantity, d.start_at, d.end_at, d.status,
                   d.max_per_shopper,
                   p.name AS product_name,
                   p.description AS product_description, p.price AS product_price,
                   p.image_url AS product_image_url, p.thumbnail_url AS product_thumbnail_url,
                   p.category AS product_category, p.status AS product_status
              FROM deal_listing_deal d
              LEFT JOIN deal_listing_product p ON p.product_id = d.product_id
            """;

    private static final String COUNT_LISTED = """
            SELECT count(*) FROM deal_listing_deal d
              LEFT JOIN deal_listing_product p ON p.product_id = d.product_id
             WHERE p.status IS DISTINCT FROM 'DELETED'""";

    private static final String SELECT_PRODUCT = """
            SELECT product_id, name, description, price, image_url, thumbnail_url, category, status
              FROM deal_listing_product""";

    /**
     * Stock changes of one deal: one event's, or several events' together (the sums of their changes, their first
     * and last sequence). They apply only when the row holds none of them yet, and the row then moves past the last.
     */
    private static final String CHANGE_STOCK = """
            UPDATE deal_listing_deal
               SET reserved_quantity = reserved_quantity + :reserved, sold_quantity = sold_quantity + :sold,
                   last_event_sequence = :last
             WHERE time_deal_id = :timeDealId AND last_event_sequence < :first
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public DealListingRepository(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void addProduct(ProductCreatedEvent event) {
        jdbc.update("""
                INSERT INTO deal_listing_product
                       (product_id, name, description, price, image_url, thumbnail_url, category, status)
                VALUES (:productId, :name, :description, :price, :imageUrl, :thumbnailUrl, :category, :status)
                ON CONFLICT (product_id) DO NOTHING
                """, new MapSqlParameterSource()
                .addValue("productId", event.productId())
                .addValue("name", event.name())
                .addValue("description", event.description())
                .addValue("price", event.price())
                .addValue("imageUrl", event.imageUrl())
                .addValue("thumbnailUrl", event.thumbnailUrl())
                .addValue("category", event.category().name())
                .addValue("status", event.status().name()));
    }

    public void changeProduct(ProductChangedEvent event) {
        jdbc.update("""
                UPDATE deal_listing_product
                   SET name = :name, description = :description, price = :price, image_url = :imageUrl,
                       thumbnail_url = :thumbnailUrl, category = :category
                 WHERE product_id = :productId
                """, new MapSqlParameterSource()
                .addValue("productId", event.productId())
                .addValue("name", event.name())
                .addValue("description", event.description())
                .addValue("price", event.price())
                .addValue("imageUrl", event.imageUrl())
                .addValue("thumbnailUrl", event.thumbnailUrl())
                .addValue("category", event.category().name()));
    }

    public void changeProductStatus(long productId, ProductStatus status) {
        jdbc.update("UPDATE deal_listing_product SET status = :status WHERE product_id = :productId",
                new MapSqlParameterSource().addValue("productId", productId).addValue("status", status.name()));
    }

    /** @return whether the event was applied, false when it had been applied already */
    public boolean changeTerms(TimeDealChangedEvent event, long sequence) {
        writeHeldStock();
        return jdbc.update("""
                UPDATE deal_listing_deal
                   SET original_price = :originalPrice, deal_price = :dealPrice, discount_rate = :discountRate,
                       stock_quantity = :stockQuantity, start_at = :startAt, end_at = :endAt,
                       max_per_shopper = :maxPerShopper, last_event_sequence = :sequence
                 WHERE time_deal_id = :timeDealId AND last_event_sequence < :sequence
                """, new MapSqlParameterSource()
                .addValue("timeDealId", event.timeDealId())
                .addValue("originalPrice", event.originalPrice())
                .addValue("dealPrice", event.dealPrice())
                .addValue("discountRate", event.discountRate())
                .addValue("stockQuantity", event.stockQuantity())
                .addValue("startAt", toTimestamp(event.startAt()))
                .addValue("endAt", toTimestamp(event.endAt()))
                .addValue("maxPerShopper", event.maxPerShopper())
                .addValue("sequence", sequence)) > 0;
    }

    public Optional<ProductDetail> findProduct(long productId) {
        return jdbc.query(SELECT_PRODUCT + " WHERE product_id = :productId",
                new MapSqlParameterSource("productId", productId), (rs, row) -> product(rs)).stream().findFirst();
    }

    /** Every product by id, or those of one status. */
    public ProductPage findProducts(ProductStatus status, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("limit", page.perPage())
                .addValue("offset", page.offset())
                .addValue("status", status == null ? null : status.name());
        String where = status == null ? "" : " WHERE status = :status";
        List<ProductDetail> items = jdbc.query(SELECT_PRODUCT + where + " ORDER BY product_id LIMIT :limit OFFSET :offset",
                parameters, (rs, row) -> product(rs));
        long total = count("SELECT count(*) FROM deal_listing_product" + where, parameters);
        return new ProductPage(items, PageMeta.of(page, total));
    }

    private static ProductDetail product(ResultSet rs) throws SQLException {
        return new ProductDetail(rs.getLong("product_id"), rs.getString("name"), rs.getString("description"),
                rs.getLong("price"), rs.getString("image_url"), rs.getString("thumbnail_url"),
                enumOrNull(ProductCategory.class, rs.getString("category")),
                enumOrNull(ProductStatus.class, rs.getString("status")));
    }

    /** @return whether the deal is new to the read model */
    public boolean addDeal(TimeDealCreatedEvent event, long sequence) {
        return jdbc.update("""
                INSERT INTO deal_listing_deal
                       (time_deal_id, product_id, original_price, deal_price, discount_rate, stock_quantity,
                        reserved_quantity, sold_quantity, start_at, end_at, status, listing_group, last_event_sequence,
                        max_per_shopper)
                VALUES (:timeDealId, :productId, :originalPrice, :dealPrice, :discountRate, :stockQuantity,
                        0, 0, :startAt, :endAt, :status, :listingGroup, :sequence, :maxPerShopper)
                ON CONFLICT (time_deal_id) DO NOTHING
                """, new MapSqlParameterSource()
                .addValue("timeDealId", event.timeDealId())
                .addValue("productId", event.productId())
                .addValue("originalPrice", event.originalPrice())
                .addValue("dealPrice", event.dealPrice())
                .addValue("discountRate", event.discountRate())
                .addValue("stockQuantity", event.stockQuantity())
                .addValue("startAt", toTimestamp(event.startAt()))
                .addValue("endAt", toTimestamp(event.endAt()))
                .addValue("status", event.status().name())
                .addValue("listingGroup", ListingGroup.of(event.status()))
                .addValue("sequence", sequence)
                .addValue("maxPerShopper", event.maxPerShopper())) > 0;
    }

    /**
     * Moves {@code delta} units into (positive) or out of (negative) the reserved counter.
     *
     * @param applied run once the change is in the read model; not run when the event had been applied already
     */
    public void changeReserved(long timeDealId, int delta, long sequence, Runnable applied) {
        changeStock(timeDealId, new StockChange(sequence, delta, 0, applied));
    }

    /**
     * Moves {@code quantity} units from the reserved counter to the sold one.
     *
     * @param applied run once the change is in the read model; not run when the event had been applied already
     */
    public void sellReserved(long timeDealId, int quantity, long sequence, Runnable applied) {
        changeStock(timeDealId, new StockChange(sequence, -quantity, quantity, applied));
    }

    private void changeStock(long timeDealId, StockChange change) {
        stockInBatch().ifPresentOrElse(batch -> batch.add(timeDealId, change),
                () -> HeldStock.of(timeDealId, change).writeOneByOne(jdbc));
    }

    /** @return whether the event was applied, false when it had been applied already */
    public boolean changeStatus(long timeDealId, TimeDealStatus status, long sequence) {
        writeHeldStock();
        return jdbc.update("""
                UPDATE deal_listing_deal
                   SET status = :status, listing_group = :listingGroup, last_event_sequence = :sequence
                 WHERE time_deal_id = :timeDealId AND last_event_sequence < :sequence
                """, new MapSqlParameterSource()
                .addValue("timeDealId", timeDealId)
                .addValue("status", status.name())
                .addValue("listingGroup", ListingGroup.of(status))
                .addValue("sequence", sequence)) > 0;
    }

    /** This batch's held-back stock changes when the handler may hold writes back; empty when it must write at once. */
    private Optional<StockInBatch> stockInBatch() {
        return BatchWrites.pending(StockInBatch.class, () -> new StockInBatch(jdbc));
    }

    /** Before any other write of a deal's row: stock changes held back go first, so its sequence check sees them. */
    private void writeHeldStock() {
        BatchWrites.sendNow(StockInBatch.class);
    }

    /** A stock event's change to its deal's counters, and what to do once it is in the read model. */
    record StockChange(long sequence, int reserved, int sold, Runnable applied) {
    }

    /** The stock changes of one batch, by deal, written as it commits: one statement a deal, in one round trip. */
    static final class StockInBatch implements BatchWrites.Pending {
        private final NamedParameterJdbcTemplate jdbc;
        private final Map<Long, HeldStock> deals = new LinkedHashMap<>();

        StockInBatch(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void add(long timeDealId, StockChange change) {
            deals.computeIfAbsent(timeDealId, HeldStock::new).add(change);
        }

        @Override
        public void flush() {
            List<HeldStock> held = List.copyOf(deals.values());
            int[] written = jdbc.batchUpdate(CHANGE_STOCK,
                    held.stream().map(HeldStock::together).toArray(SqlParameterSource[]::new));
            for (int i = 0; i < held.size(); i++) {
                if (written[i] > 0) {
                    held.get(i).writtenTogether();
                } else {
                    held.get(i).writeOneByOne(jdbc);
                }
            }
        }
    }

    /** One deal's stock changes held back in a batch, in the order they were handled. */
    static final class HeldStock {
        private final long timeDealId;
        private final List<StockChange> changes = new ArrayList<>();

        HeldStock(long timeDealId) {
            this.timeDealId = timeDealId;
        }

        static HeldStock of(long timeDealId, StockChange change) {
            HeldStock held = new HeldStock(timeDealId);
            held.add(change);
            return held;
        }

        void add(StockChange change) {
            changes.add(change);
        }

        /** All the changes as one: what applying them one by one leaves on a row that holds none of them yet. */
        MapSqlParameterSource together() {
            int reserved = 0;
            int sold = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (StockChange change : changes) {
                reserved += change.reserved();
                sold += change.sold();
                first = Math.min(first, change.sequence());
                last = Math.max(last, change.sequence());
            }
            return new MapSqlParameterSource()
                    .addValue("timeDealId", timeDealId)
                    .addValue("reserved", reserved)
                    .addValue("sold", sold)
                    .addValue("first", first)
                    .addValue("last", last);
        }

        /** Written together: one follow-up for the deal, the newest change's (each would push the same deal). */
        void writtenTogether() {
            changes.get(changes.size() - 1).applied().run();
        }

        /**
         * Each change alone, applied only when newer than the row: a change written at once, or held ones of which
         * the row held some already (a batch handled again after its events were in the read model).
         */
        void writeOneByOne(NamedParameterJdbcTemplate jdbc) {
            Runnable applied = null;
            for (StockChange change : changes) {
                if (jdbc.update(CHANGE_STOCK, of(timeDealId, change).together()) > 0) {
                    applied = change.applied();
                }
            }
            if (applied != null) {
                applied.run();
            }
        }
    }

    /** Empties the read model so that a replay rebuilds it from the first event. */
    public void deleteAll() {
        jdbc.getJdbcTemplate().update("DELETE FROM deal_listing_deal");
        jdbc.getJdbcTemplate().update("DELETE FROM deal_listing_product");
    }

    public Optional<TimeDealDetail> findDetail(long timeDealId) {
        Instant now = clock.instant();
        List<TimeDealDetail> found = jdbc.query(SELECT_DEAL + " WHERE d.time_deal_id = :timeDealId",
                new MapSqlParameterSource("timeDealId", timeDealId),
                (rs, row) -> detail(rs, now));
        return found.stream().findFirst();
    }

    /**
     * Without a status: active deals, then scheduled ones, then the rest, each by start and then id. With a
     * status: only those deals, by start and then id.
     */
    public TimeDealPage findPage(TimeDealStatus status, PageRequest page) {
        Instant now = clock.instant();
        RowMapper<TimeDealSummary> summaries = (rs, row) -> summary(rs, now);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("limit", page.perPage())
                .addValue("offset", page.offset());
        List<TimeDealSummary> items;
        long total;
        // A deleted product's deals leave the listing (their detail stays readable by id).
        if (status == null) {
            items = jdbc.query(SELECT_DEAL + """
                     WHERE p.status IS DISTINCT FROM 'DELETED'
                     ORDER BY d.listing_group, d.start_at, d.time_deal_id
                     LIMIT :limit OFFSET :offset
                    """, parameters, summaries);
            total = count(COUNT_LISTED, parameters);
        } else {
            parameters.addValue("status", status.name());
            items = jdbc.query(SELECT_DEAL + """
                     WHERE d.status = :status AND p.status IS DISTINCT FROM 'DELETED'
                     ORDER BY d.start_at, d.time_deal_id
                     LIMIT :limit OFFSET :offset
                    """, parameters, summaries);
            total = count(COUNT_LISTED + " AND d.status = :status", parameters);
        }
        return new TimeDealPage(items, PageMeta.of(page, total));
    }

    private long count(String sql, MapSqlParameterSource parameters) {
        Long total = jdbc.queryForObject(sql, parameters, Long.class);
        return total == null ? 0 : total;
    }

    private static TimeDealSummary summary(ResultSet rs, Instant now) throws SQLException {
        DealRow deal = DealRow.of(rs);
        return new TimeDealSummary(
                deal.id(),
                new ProductBrief(deal.productId(), rs.getString("product_name"), rs.getString("product_image_url"),
                        enumOrNull(ProductCategory.class, rs.getString("product_category"))),
                deal.originalPrice(),
                deal.dealPrice(),
                deal.discountRate(),
                deal.stockQuantity(),
                deal.availableQuantity(),
                deal.startAt(),
                deal.endAt(),
                deal.status(),
                deal.remainingSecondsAt(now));
    }

    private static TimeDealDetail detail(ResultSet rs, Instant now) throws SQLException {
        DealRow deal = DealRow.of(rs);
        return new TimeDealDetail(
                deal.id(),
                new ProductDetail(
                        deal.productId(),
                        rs.getString("product_name"),
                        rs.getString("product_description"),
                        rs.getLong("product_price"),
                        rs.getString("product_image_url"),
                        rs.getString("product_thumbnail_url"),
                        enumOrNull(ProductCategory.class, rs.getString("product_category")),
                        enumOrNull(ProductStatus.class, rs.getString("product_status"))),
                deal.originalPrice(),
                deal.dealPrice(),
                deal.discountRate(),
                deal.stockQuantity(),
                deal.reservedQuantity(),
                deal.soldQuantity(),
                deal.availableQuantity(),
                deal.startAt(),
                deal.endAt(),
                deal.status(),
                deal.remainingSecondsAt(now),
                (Integer) rs.getObject("max_per_shopper"));
    }

    /**
     * The deal's own columns. The product columns may be null: with several processor segments a deal can be
     * handled before its product, and the deal should still be listed meanwhile.
     */
    private record DealRow(long id, long productId, long originalPrice, long dealPrice, int discountRate,
                           int stockQuantity, int reservedQuantity, int soldQuantity, Instant startAt, Instant endAt,
                           TimeDealStatus status) {

        static DealRow of(ResultSet rs) throws SQLException {
            return new DealRow(
                    rs.getLong("time_deal_id"),
                    rs.getLong("product_id"),
                    rs.getLong("original_price"),
                    rs.getLong("deal_price"),
                    rs.getInt("discount_rate"),
                    rs.getInt("stock_quantity"),
                    rs.getInt("reserved_quantity"),
                    rs.getInt("sold_quantity"),
                    rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("end_at", OffsetDateTime.class).toInstant(),
                    TimeDealStatus.valueOf(rs.getString("status")));
        }

        int availableQuantity() {
            return stockQuantity - reservedQuantity - soldQuantity;
        }

        /** Changes every second, so it is derived from the request's clock and never stored. */
        long remainingSecondsAt(Instant now) {
            return status.remainingSeconds(startAt, endAt, now);
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static OffsetDateTime toTimestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
