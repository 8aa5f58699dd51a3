package com.bbossiregi.timedeal.command.support;

import com.bbossiregi.timedeal.api.common.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MetaData;

/** Commands sent on behalf of someone carry the actor, so every resulting event records who acted. */
public final class Metadata {

    /**
     * For events the system applies because time passed (a deal's start or end, a hold's end, an abandoned payment),
     * whoever's message is being handled: explicit metadata wins over what correlation carries over.
     */
    public static final MetaData BY_THE_CLOCK = MetaData.from(Actor.SYSTEM.toMetaData());

    private Metadata() {
    }

    public static CommandMessage<Object> asActor(Object command, Actor actor) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(actor.toMetaData()));
    }
}
