package com.bbossiregi.timedeal.api.audit;

/**
 * What became of a retried dead-letter sequence.
 *
 * @param group              the processing group
 * @param sequenceIdentifier the sequence retried
 * @param outcome            whether every letter of the sequence was handled
 * @param remaining          how many letters of the sequence are still dead letters
 * @param causeType          why the first remaining letter failed, null when none remains
 * @param causeMessage       its message, null when none remains
 */
public record DeadLetterRetry(
        String group,
        String sequenceIdentifier,
        Outcome outcome,
        long remaining,
        String causeType,
        String causeMessage) {

    public enum Outcome {
        /** Every letter of the sequence was handled and is gone from the queue. */
        PROCESSED,
        /** A letter failed again (or another node is retrying it): the sequence stays. */
        FAILED
    }
}
