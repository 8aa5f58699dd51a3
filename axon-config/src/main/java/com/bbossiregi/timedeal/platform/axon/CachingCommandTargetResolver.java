package com.bbossiregi.timedeal.platform.axon;

import static org.axonframework.common.ReflectionUtils.ensureAccessible;
import static org.axonframework.common.ReflectionUtils.fieldsOf;
import static org.axonframework.common.ReflectionUtils.methodsOf;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds a command's target aggregate by its {@link TargetAggregateIdentifier} and {@link TargetAggregateVersion}
 * members, like Axon's {@code AnnotationCommandTargetResolver}, but looks the members up once per command class.
 * Axon's resolver scans every method and field of the command class, with their annotations, on every command: on the
 * hot deal that was a twentieth of the application's CPU.
 */
public final class CachingCommandTargetResolver implements CommandTargetResolver {

    /** How to read one annotated member of a command; {@code NONE} when the class has no such member. */
    private interface Accessor {
        Accessor NONE = payload -> null;

        Object read(Object payload) throws InvocationTargetException, IllegalAccessException;
    }

    private record Targets(Accessor identifier, Accessor version) {
    }

    private final ClassValue<Targets> targets = new ClassValue<>() {
        @Override
        protected Targets computeValue(Class<?> commandClass) {
            return new Targets(accessor(commandClass, TargetAggregateIdentifier.class),
                    accessor(commandClass, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(@Nonnull CommandMessage<?> command) {
        Targets found = targets.get(command.getPayloadType());
        Object identifier;
        Long version;
        try {
            identifier = found.identifier().read(command.getPayload());
            version = asLong(found.version().read(command.getPayload()));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Aggregate information of the command is not accessible", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate: no member of "
                    + command.getPayloadType().getSimpleName()
                    + " is annotated with @TargetAggregateIdentifier, or it returned null.");
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    /** The same search as Axon's: methods first, then fields, meta-annotations included. */
    private static Accessor accessor(Class<?> commandClass, Class<? extends Annotation> annotation) {
        for (Method method : methodsOf(commandClass)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                Method accessible = ensureAccessible(method);
                return accessible::invoke;
            }
        }
        for (Field field : fieldsOf(commandClass)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                Field accessible = ensureAccessible(field);
                return accessible::get;
            }
        }
        return Accessor.NONE;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
