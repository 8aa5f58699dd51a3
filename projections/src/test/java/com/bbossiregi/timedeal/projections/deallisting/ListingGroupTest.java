package com.bbossiregi.timedeal.projections.deallisting;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbossiregi.timedeal.api.timedeal.TimeDealStatus;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingGroupTest {

    @Test
    void activeDealsComeFirstThenScheduledThenTheRest() {
        assertThat(ListingGroup.of(TimeDealStatus.ACTIVE)).isLessThan(ListingGroup.of(TimeDealStatus.SCHEDULED));
        assertThat(ListingGroup.of(TimeDealStatus.SCHEDULED)).isLessThan(ListingGroup.of(TimeDealStatus.SOLDOUT));
    }

    @Test
    void soldOutEndedAndCanceledShareOneGroupSoTheyAreOrderedByStartAlone() {
        assertThat(ListingGroup.of(TimeDealStatus.SOLDOUT))
                .isEqualTo(ListingGroup.of(TimeDealStatus.ENDED))
                .isEqualTo(ListingGroup.of(TimeDealStatus.CANCELED));
    }

    @Test
    void everyStatusHasAGroupAndSortingByItGivesTheContractOrder() {
        List<TimeDealStatus> sorted = Arrays.stream(new TimeDealStatus[] {
                        TimeDealStatus.ENDED, TimeDealStatus.SCHEDULED, TimeDealStatus.CANCELED,
                        TimeDealStatus.ACTIVE, TimeDealStatus.SOLDOUT})
                .sorted(Comparator.comparingInt(ListingGroup::of))
                .toList();
        assertThat(sorted.subList(0, 2)).containsExactly(TimeDealStatus.ACTIVE, TimeDealStatus.SCHEDULED);
        assertThat(sorted.subList(2, 5))
                .containsExactlyInAnyOrder(TimeDealStatus.SOLDOUT, TimeDealStatus.ENDED, TimeDealStatus.CANCELED);
    }
}
