-- Members of the command nodes' JGroups ring (JDBC_PING discovery, timedeal.cluster.enabled): each live member's
-- address, written by JGroups, read by a joining node to find the others. The names are JGroups' defaults.
CREATE TABLE jgroupsping (
    own_addr     VARCHAR(200) NOT NULL,
    cluster_name VARCHAR(200) NOT NULL,
    ping_data    BYTEA,
    PRIMARY KEY (own_addr, cluster_name)
);
