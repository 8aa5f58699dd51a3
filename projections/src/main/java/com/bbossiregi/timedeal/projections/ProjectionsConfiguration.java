package com.bbossiregi.timedeal.projections;

import com.bbossiregi.timedeal.platform.database.SchemaModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ProjectionsConfiguration {

    /** After the Axon stores (order 0), so a fresh database gets the event store before the read models. */
    @Bean
    SchemaModule projectionsSchema() {
        return new SchemaModule("projections", "classpath:db/migration/projections", 20);
    }
}
