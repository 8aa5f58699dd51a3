package com.bbossiregi.timedeal.platform.cluster;

import javax.sql.DataSource;
import org.axonframework.extensions.jgroups.commandhandling.JChannelFactory;
import org.jgroups.JChannel;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FD_ALL;
import org.jgroups.protocols.FD_SOCK;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.JDBC_PING;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.util.StackType;
import org.jgroups.util.Util;

/**
 * The JGroups stack of the command ring, built here rather than from an XML file so it can use the application's own
 * {@link DataSource}: TCP between members, members found through {@code JDBC_PING} in the shared PostgreSQL (table
 * {@code jgroupsping}, created by Flyway), so no other process (gossip router, multicast) is needed. Failure detection
 * is tuned for seconds: a killed member's closed socket ({@code FD_SOCK}) or its silence ({@code FD_ALL}) gets it
 * suspected, {@code VERIFY_SUSPECT} confirms within a second, and the coordinator installs a view without it.
 */
final class JdbcPingChannel implements JChannelFactory {

    private final ClusterSettings settings;
    private final DataSource dataSource;

    JdbcPingChannel(ClusterSettings settings, DataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    @Override
    public JChannel createChannel() throws Exception {
        TCP transport = new TCP();
        transport.setBindAddress(Util.getAddress(settings.bindAddress(), StackType.IPv4));
        transport.setBindPort(settings.port());
        transport.setPortRange(settings.portRange());

        JDBC_PING discovery = new JDBC_PING();
        discovery.setDataSource(dataSource);
        // Flyway owns the table; JGroups' own CREATE TABLE is for another dialect.
        discovery.setValue("initialize_sql", "");
        // The coordinator rewrites the table on every view, so rows of killed members do not pile up.
        discovery.setValue("remove_all_data_on_view_change", true);
        discovery.setValue("break_on_coord_rsp", true);
        // No JVM shutdown hook of its own: a stopping node leaves through the channel, a killed one is cleaned up by
        // the coordinator, and a hook would race the data source's own shutdown.
        discovery.setValue("register_shutdown_hook", false);

        long failureMillis = settings.failureDetection().toMillis();
        FD_ALL heartbeats = new FD_ALL();
        heartbeats.setValue("timeout", failureMillis);
        heartbeats.setValue("interval", Math.max(200, failureMillis / 4));
        heartbeats.setValue("timeout_check_interval", Math.max(200, failureMillis / 4));

        NAKACK2 retransmission = new NAKACK2();
        retransmission.setValue("use_mcast_xmit", false);

        GMS membership = new GMS();
        membership.setJoinTimeout(2000);
        membership.setValue("view_ack_collection_timeout", 1000L);
        membership.setPrintLocalAddr(false);

        MERGE3 merge = new MERGE3();
        merge.setMinInterval(2000);
        merge.setMaxInterval(5000);

        return new JChannel(transport, discovery, merge, new FD_SOCK(), heartbeats,
                new VERIFY_SUSPECT().setTimeout(1000), new BARRIER(), retransmission, new UNICAST3(), new STABLE(),
                membership, new UFC(), new MFC(), new FRAG2());
    }
}
