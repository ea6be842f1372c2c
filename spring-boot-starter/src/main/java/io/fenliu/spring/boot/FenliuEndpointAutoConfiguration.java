package io.fenliu.spring.boot;

import io.fenliu.routing.RouterRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code fenliu} actuator endpoint ({@link FenliuEndpoint}: shops held, a shop's queue (R22), seats (R20) and
 * fairness ledger (R13, R23)), when the actuator is on the class path, the context has a {@link RouterRegistry},
 * and the endpoint is enabled and exposed ({@code management.endpoints.web.exposure.include=fenliu}). Backs off
 * when the application defines its own {@link FenliuEndpoint}.
 */
@AutoConfiguration(after = FenliuAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(RouterRegistry.class)
public class FenliuEndpointAutoConfiguration {
  /** The endpoint over the registry. */
  @Bean
  @ConditionalOnMissingBean(FenliuEndpoint.class)
  @ConditionalOnAvailableEndpoint(FenliuEndpoint.class)
  public FenliuEndpoint fenliuEndpoint(RouterRegistry registry) {
    return new FenliuEndpoint(registry);
  }
}
