-- Which nodes run which streaming processor, refreshed every few seconds by each node (SegmentBalancer): the number
-- of live nodes per processor gives each node its fair share of the processor's segments.
CREATE TABLE processor_node (
    processor_name VARCHAR(255) NOT NULL,
    node_id        VARCHAR(64)  NOT NULL,
    seen_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (processor_name, node_id)
);
