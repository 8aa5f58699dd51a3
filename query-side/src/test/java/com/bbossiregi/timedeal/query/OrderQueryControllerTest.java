package com.bbossiregi.timedeal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbossiregi.timedeal.api.common.DomainException;
import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.bbossiregi.timedeal.api.order.FindOrderQuery;
import com.bbossiregi.timedeal.api.order.OrderStatus;
import com.bbossiregi.timedeal.api.order.OrderView;
import com.bbossiregi.timedeal.platform.security.AuthenticatedUser;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

class OrderQueryControllerTest {

    private static final long OWNER = 2;
    private static final String ORDER_ID = "7d1c1f5e-0000-4000-8000-000000000001";
    private static final Instant PLACED = Instant.parse("2026-02-27T14:05:00Z");
    private static final OrderView ORDER = new OrderView(ORDER_ID, OWNER, 1, 2, 29900, 59800, OrderStatus.RESERVED,
            PLACED, PLACED, PLACED, null, null);

    private final QueryGateway queryGateway = mock(QueryGateway.class);
    private final OrderQueryController controller = new OrderQueryController(queryGateway);

    @Test
    @SuppressWarnings("unchecked")
    void theOwnerSeesTheOrder() {
        when(queryGateway.query(eq(new FindOrderQuery(ORDER_ID)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(ORDER));

        assertThat(controller.order(ORDER_ID, new AuthenticatedUser(OWNER, AuthenticatedUser.USER)).data())
                .isEqualTo(ORDER);
    }

    @Test
    void anIdThatIsNoOrderIdIsNotFoundWithoutAQuery() {
        assertThatThrownBy(() -> controller.order("timedeal-7", new AuthenticatedUser(OWNER, AuthenticatedUser.USER)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anAdministratorSeesAnyOrder() {
        OrderQueryController.ensureVisibleTo(ORDER, new AuthenticatedUser(1, AuthenticatedUser.ADMIN));
    }

    @Test
    void anotherShopperIsForbidden() {
        assertThatThrownBy(() -> OrderQueryController.ensureVisibleTo(ORDER,
                new AuthenticatedUser(OWNER + 1, AuthenticatedUser.USER)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
