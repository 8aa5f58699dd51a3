package com.bbossiregi.timedeal.command.support;

import com.bbossiregi.timedeal.api.common.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MetaData;

/** Commands sent on behalf of someone carry the actor, so every resulting event records who acted. */
public final class Metadata {

    private Metadata() {
    }

    public static CommandMessage<Object> asActor(Object command, Actor actor) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(actor.toMetaData()));
    }
}
