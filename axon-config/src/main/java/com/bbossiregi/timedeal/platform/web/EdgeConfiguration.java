package com.bbossiregi.timedeal.platform.web;

import com.bbossiregi.timedeal.api.common.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.filters.FailedRequestFilter;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The HTTP edge: every answer, whatever the bytes, is a success or the error envelope with a 4xx. Refusals happen as
 * early as the layer that notices them: Tomcat ({@link EnvelopeErrorReportValve}, {@link FailedRequestFilter}), the
 * body's size and type ({@link BodySizeLimit}, {@link ConcreteContentType}), Spring Security's firewall (configured here
 * with {@link FirewallText}'s checks, its refusals answered by the {@link RequestRejectedHandler} here), Spring MVC
 * ({@link ApiExceptionHandler}, {@link EnvelopeErrorController}), Jackson ({@link StrictJson}) and Bean Validation on
 * the request records. See docs/architecture.md, "The edge". The controller and the advice among them are found by
 * the application's component scan, like {@link ApiExceptionHandler}.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EdgeSettings.class)
// Registered here, not by a package scan: the application scans only its sides' packages.
@org.springframework.context.annotation.Import(EnvelopeErrorController.class)
public class EdgeConfiguration {

    @Bean
    EnvelopeWriter envelopeWriter(ObjectMapper objectMapper) {
        return new EnvelopeWriter(objectMapper);
    }

    /**
     * The firewall's refusals: 405 for a method it does not allow (TRACE, unknown methods), 400 for the rest ({@code ..},
     * {@code ;}, encoded slashes, control characters in headers).
     */
    @Bean
    RequestRejectedHandler envelopeRequestRejectedHandler(EnvelopeWriter envelope) {
        return (request, response, rejected) -> {
            if (!FIREWALL_METHODS.contains(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", FIREWALL_METHODS));
                envelope.write(response, HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.BAD_REQUEST,
                        "Method " + request.getMethod() + " is not allowed");
                return;
            }
            envelope.write(response, HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, "The request was rejected");
        };
    }

    /**
     * Spring Security's own firewall with its default rules; its checks of header and parameter text are the same
     * rules without a regular expression each ({@link FirewallText}).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallText::name);
        firewall.setAllowedHeaderValues(FirewallText::headerValue);
        firewall.setAllowedParameterNames(FirewallText::name);
        return firewall;
    }

    /** The methods Spring Security's {@code StrictHttpFirewall} lets through by default. */
    private static final List<String> FIREWALL_METHODS =
            List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    /** Ahead of the security filters, so an oversized body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(EdgeSettings settings, EnvelopeWriter envelope) {
        FilterRegistrationBean<BodySizeLimit> registration =
                new FilterRegistrationBean<>(new BodySizeLimit(settings.maxBodySize().toBytes(), envelope));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ConcreteContentType> concreteContentType(EnvelopeWriter envelope) {
        FilterRegistrationBean<ConcreteContentType> registration =
                new FilterRegistrationBean<>(new ConcreteContentType(envelope));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /**
     * Tomcat drops a query parameter it cannot decode ({@code ?status=%zz}) and carries on; its own
     * {@link FailedRequestFilter} refuses such a request instead (400, in the envelope through the error page).
     */
    @Bean
    FilterRegistrationBean<FailedRequestFilter> failedRequestFilter() {
        FilterRegistrationBean<FailedRequestFilter> registration = new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /** Tomcat's own error page becomes the envelope; Spring Boot's plain {@link ErrorReportValve} is replaced. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Container host = context.getParent();
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new EnvelopeErrorReportValve());
                    if (host instanceof StandardHost standardHost) {
                        standardHost.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                    }
                });
            }
        };
    }

    /**
     * Every connection's socket buffers at {@code timedeal.edge.connection-buffers}, set through the connector's
     * {@code socket.*} attributes (Spring Boot has no property for them). A connector that refuses one stops the start.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionBuffers(EdgeSettings settings) {
        EdgeSettings.ConnectionBuffers buffers = settings.connectionBuffers();
        return factory -> factory.addConnectorCustomizers(connector -> {
            setSocketProperty(connector, "appReadBufSize", Long.toString(buffers.read().toBytes()));
            setSocketProperty(connector, "appWriteBufSize", Long.toString(buffers.write().toBytes()));
            setSocketProperty(connector, "directBuffer", Boolean.toString(buffers.direct()));
        });
    }

    private static void setSocketProperty(Connector connector, String name, String value) {
        if (!connector.setProperty("socket." + name, value)) {
            throw new IllegalStateException("Tomcat's connector " + connector + " does not take socket." + name);
        }
    }

    /**
     * {@link StorableParameters}' editors on every binder of every handler, through Spring MVC's own binding initializer
     * (Spring Boot's, kept with its conversion service and validator). An {@code @InitBinder} method on a
     * {@code @ControllerAdvice} did the same, but Spring MVC builds a handler-method object for such a method and looks
     * its annotations up again on every request: about 4 % of the application's CPU under the hot deal
     * (docs/benchmarks.md, round 34). Static: a post-processor is created before the other beans.
     */
    @Bean
    static BeanPostProcessor storableParameters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter adapter) {
                    if (!(adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer initializer)) {
                        throw new IllegalStateException("Spring MVC's binding initializer is "
                                + adapter.getWebBindingInitializer() + ", not the configurable one the editors join");
                    }
                    PropertyEditorRegistrar[] registered = initializer.getPropertyEditorRegistrars();
                    List<PropertyEditorRegistrar> registrars =
                            new ArrayList<>(registered == null ? List.of() : Arrays.asList(registered));
                    registrars.add(new StorableParameters());
                    initializer.setPropertyEditorRegistrars(registrars.toArray(PropertyEditorRegistrar[]::new));
                }
                return bean;
            }
        };
    }

    /** Instants in query parameters ({@code as_of}): ISO-8601 only and within what the database stores. */
    @Bean
    WebMvcConfigurer storableInstantParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(Instant.class, new StorableInstantFormatter());
            }
        };
    }

    static final class StorableInstantFormatter implements Formatter<Instant> {

        @Override
        public Instant parse(String text, Locale locale) throws ParseException {
            Instant instant;
            try {
                instant = Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 instant such as 2026-02-27T14:05:00Z");
            }
            if (!StorableValues.isStorable(instant)) {
                throw new IllegalArgumentException(StorableValues.UNSTORABLE_INSTANT);
            }
            return instant;
        }

        @Override
        public String print(Instant instant, Locale locale) {
            return instant.toString();
        }
    }
}
