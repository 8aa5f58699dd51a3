package com.bbossiregi.timedeal.platform.database;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Transactions take a pooled connection at their first statement instead of at their start, through Spring's
 * {@link LazyConnectionDataSourceProxy} around the application's data source.
 * <p>
 * Why: a command's unit of work begins its transaction before it loads the aggregate, and on a hot deal every order
 * then waits for the deal's lock while holding a connection of the pool. A hundred shoppers on one deal kept the whole
 * pool parked in that queue, and the processors, the rate limits and the read-your-writes checks waited for a
 * connection behind them (the benchmark's profile: request threads spent most of their time in the pool's
 * {@code getConnection}). With the proxy only the lock's holder writes, so it alone holds a connection.
 * <p>
 * The pool itself stays the bean Spring created and closes (a post-processor's wrapper is what others are given;
 * Spring destroys the original instance), and Boot's pool metrics and health unwrap the proxy.
 */
class LazyTransactionConnections implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if ("dataSource".equals(beanName) && bean instanceof DataSource dataSource
                && !(bean instanceof LazyConnectionDataSourceProxy)) {
            return new LazyConnectionDataSourceProxy(dataSource);
        }
        return bean;
    }
}
